import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobName, QueueName, type JobPayloads } from '../jobs/job.constants';
import { ReconcileRegistry } from '../jobs/reconcile.registry';
import { ImportService } from './import.service';

/** Thin adapter: jobs of the catalogue-import queue → ImportService. One import at a time. */
@Processor(QueueName.CatalogueImport, { concurrency: 1 })
export class ImportProcessor extends WorkerHost {
  private readonly logger = new Logger(ImportProcessor.name);

  constructor(private readonly imports: ImportService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name as JobName) {
      case JobName.ImportParse:
        return this.imports.parse((job.data as JobPayloads[JobName.ImportParse]).importId);
      case JobName.ImportCommit:
        return this.imports.commitNow((job.data as JobPayloads[JobName.ImportCommit]).importId);
      default:
        this.logger.error({ job: job.name }, 'unknown job name');
        throw new Error(`unknown job ${job.name}`);
    }
  }
}

/** Reconcile: an import left half-way (crash, Redis away) gets its job again. */
@Injectable()
export class ImportReconciler implements OnModuleInit {
  constructor(
    private readonly imports: ImportService,
    private readonly registry: ReconcileRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register({ key: 'importsRequeued', order: 25, run: () => this.imports.requeueUnfinished() });
  }
}
