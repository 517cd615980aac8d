import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { JobName } from './job.constants';
import { JobRepository } from './job.repository';
import { ReconcileRegistry } from './reconcile.registry';

/**
 * The database is the source of truth; Redis here keeps nothing on disk. At start-up
 * and then periodically, every feature re-enqueues its outstanding work with deterministic
 * job ids (see ReconcileRegistry), so that lost jobs come back and existing ones are not doubled.
 */
const WATCHDOG_MS = 30_000;

export type ReconcileResult = Record<string, number | boolean>;

@Injectable()
export class ReconcileScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReconcileScheduler.name);
  private watchdog: NodeJS.Timeout | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly jobs: JobRepository,
    private readonly registry: ReconcileRegistry,
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
      await this.jobs.scheduleMorningDigest();
      const snapshots = await this.registry.task(JobName.MonthlySnapshot)?.();
      if (Array.isArray(snapshots) && snapshots.length) this.logger.log({ snapshots }, '取りこぼした月次スナップショットを作成しました');
      await this.reconcile();
    } catch (err) {
      this.logger.warn({ err: String(err) }, 'reconcile not possible now (Redis, database or model unavailable); retrying later');
    }
  }

  /** Asks each feature, in order, to reconcile itself; returns the figures they report. */
  async reconcile(): Promise<ReconcileResult> {
    const result: ReconcileResult = {};
    for (const reconciler of this.registry.all()) {
      const figure = await reconciler.run();
      if (reconciler.key) result[reconciler.key] = figure as number | boolean;
    }
    this.logger.log(result, 'reconcile done');
    return result;
  }
}
