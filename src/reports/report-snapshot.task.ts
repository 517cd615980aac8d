import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobName } from '../jobs/job.constants';
import { ReconcileRegistry } from '../jobs/reconcile.registry';
import { ReportService } from './report.service';

/** The monthly snapshot job (00:10 Tokyo on the 1st) and the start-up catch-up run this. */
@Injectable()
export class ReportSnapshotTask implements OnModuleInit {
  constructor(
    private readonly reports: ReportService,
    private readonly registry: ReconcileRegistry,
  ) {}

  onModuleInit(): void {
    // Catches up every finished month without a snapshot, the previous one included.
    this.registry.handle(JobName.MonthlySnapshot, () => this.reports.catchUp());
  }
}
