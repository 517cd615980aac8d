import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ReconcileRegistry } from '../jobs/reconcile.registry';
import { PlannerStatisticsRepository } from './planner-statistics.repository';

/** How often planner statistics are refreshed where no autovacuum does it (seconds of ANALYZE at 1M rows). */
const STATISTICS_EVERY_MS = 6 * 3_600_000;

/** ANALYZE at the first reconcile and then every six hours, only where autovacuum is absent. */
@Injectable()
export class PlannerStatisticsReconciler implements OnModuleInit {
  private readonly logger = new Logger(PlannerStatisticsReconciler.name);
  private statisticsCheckedAt: number | null = null;

  constructor(
    private readonly statistics: PlannerStatisticsRepository,
    private readonly registry: ReconcileRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register({ key: 'statisticsRefreshed', order: 20, run: () => this.refresh() });
  }

  async refresh(): Promise<boolean> {
    if (this.statisticsCheckedAt !== null && Date.now() - this.statisticsCheckedAt < STATISTICS_EVERY_MS) return false;
    try {
      this.statisticsCheckedAt = Date.now();
      if (!(await this.statistics.needsManualAnalyze())) return false;
      await this.statistics.analyze();
      this.logger.log({ ms: Date.now() - this.statisticsCheckedAt }, 'planner statistics refreshed (ANALYZE)');
      return true;
    } catch (err) {
      this.statisticsCheckedAt = null; // try again at the next reconcile
      this.logger.warn({ err: String(err) }, 'ANALYZE failed; retrying at the next reconcile');
      return false;
    }
  }
}
