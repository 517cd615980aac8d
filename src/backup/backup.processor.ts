import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JobName, QueueName, type JobPayloads } from '../jobs/job.constants';
import { BackupService } from './backup.service';

/** One backup at a time; a failed run is recorded in backup_runs and retried by BullMQ. */
@Processor(QueueName.Backup, { concurrency: 1, lockDuration: 10 * 60_000 })
export class BackupProcessor extends WorkerHost {
  constructor(private readonly backups: BackupService) {
    super();
  }

  async process(job: Job<JobPayloads[JobName.Backup]>): Promise<unknown> {
    if (job.name !== JobName.Backup) throw new Error(`unknown job ${job.name}`);
    return this.backups.run(job.data.reason ?? 'scheduled');
  }
}
