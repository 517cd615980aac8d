import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { ReportService } from '../reports/report.service';
import { JobName, QueueName } from './job.constants';
import { ReconcileService } from './reconcile.service';

@Processor(QueueName.Maintenance, { concurrency: 1 })
export class MaintenanceProcessor extends WorkerHost {
  constructor(
    private readonly reconciler: ReconcileService,
    private readonly reports: ReportService,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    if (job.name === JobName.Reconcile) return this.reconciler.reconcile();
    // Catches up every finished month without a snapshot, the previous one included.
    if (job.name === JobName.MonthlySnapshot) return this.reports.catchUp();
    throw new Error(`unknown job ${job.name}`);
  }
}
