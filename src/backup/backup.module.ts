import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { QueueName } from '../jobs/job.constants';
import { BackupRunRepository } from './backup-run.repository';
import { BackupProcessor } from './backup.processor';
import { BackupScheduler } from './backup.scheduler';
import { BackupService } from './backup.service';

/** Backups: the nightly job (worker processes only) and the status /health shows. */
@Module({})
export class BackupModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: BackupModule,
      imports: [BullModule.registerQueue({ name: QueueName.Backup })],
      providers: [
        { provide: AppConfig, useValue: config },
        BackupRunRepository,
        BackupService,
        BackupScheduler,
        ...(config.runsWorker ? [BackupProcessor] : []),
      ],
      exports: [BackupService],
    };
  }
}
