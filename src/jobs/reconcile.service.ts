import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { PlannerStatisticsRepository } from '../database/planner-statistics.repository';
import { FollowUpService } from '../follow-up/follow-up.service';
import { EmbeddingModelRepository } from '../matching/embedding-model.repository';
import { EmbeddingStateRepository } from '../matching/embedding-state.repository';
import { ReportService } from '../reports/report.service';
import { JobRepository } from './job.repository';

/**
 * The database is the source of truth; Redis here keeps nothing on disk. At start-up
 * and then periodically, every piece of outstanding work is re-enqueued with its
 * deterministic job id, so that lost jobs come back and existing ones are not doubled.
 */
const WATCHDOG_MS = 30_000;
/** How often planner statistics are refreshed where no autovacuum does it (seconds of ANALYZE at 1M rows). */
const STATISTICS_EVERY_MS = 6 * 3_600_000;

@Injectable()
export class ReconcileService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReconcileService.name);
  private watchdog: NodeJS.Timeout | null = null;
  private statisticsCheckedAt: number | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly jobs: JobRepository,
    private readonly embeddingState: EmbeddingStateRepository,
    private readonly model: EmbeddingModelRepository,
    private readonly followUp: FollowUpService,
    private readonly reports: ReportService,
    private readonly statistics: PlannerStatisticsRepository,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runsWorker) return;
    // Not awaited: start-up must not wait for Redis or the model.
    void this.ensureScheduled();
    // A Redis restart also loses the repeatable job itself: the watchdog puts it back.
    const everyMs = Math.min(WATCHDOG_MS, this.config.reconcileIntervalSeconds * 1_000);
    this.watchdog = setInterval(() => void this.ensureScheduled(), everyMs);
    this.watchdog.unref();
  }

  onApplicationShutdown(): void {
    if (this.watchdog) clearInterval(this.watchdog);
  }

  /** Schedules the repeatable jobs when Redis lacks them, and catches up at once. */
  async ensureScheduled(): Promise<void> {
    try {
      if (await this.jobs.areSchedulersPresent()) return;
      await this.jobs.scheduleReconcile();
      await this.jobs.scheduleMonthlySnapshot();
      const snapshots = await this.reports.catchUp();
      if (snapshots.length) this.logger.log({ snapshots }, '取りこぼした月次スナップショットを作成しました');
      await this.reconcile();
    } catch (err) {
      this.logger.warn({ err: String(err) }, 'reconcile not possible now (Redis, database or model unavailable); retrying later');
    }
  }

  /** Follow-up first: it does not need the model, and a forgotten check-in is the costlier loss. */
  async reconcile(): Promise<{ checkpointsScheduled: number; embeddingsOutstanding: number; statisticsRefreshed: boolean }> {
    const checkpointsScheduled = await this.followUp.reconcile();
    const statisticsRefreshed = await this.refreshPlannerStatistics();
    const model = await this.model.ready();
    const [resources, participants] = await Promise.all([
      this.embeddingState.countNeeding('resource', model),
      this.embeddingState.countNeeding('participant', model),
    ]);
    const embeddingsOutstanding = resources + participants;
    if (embeddingsOutstanding > 0) await this.jobs.enqueueEmbedPending('reconcile');
    this.logger.log({ checkpointsScheduled, embeddingsOutstanding, statisticsRefreshed }, 'reconcile done');
    return { checkpointsScheduled, embeddingsOutstanding, statisticsRefreshed };
  }

  /** ANALYZE at the first reconcile and then every six hours, only where autovacuum is absent. */
  private async refreshPlannerStatistics(): Promise<boolean> {
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
