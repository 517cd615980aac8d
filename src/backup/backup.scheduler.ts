import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { DEFAULT_JOB_OPTIONS, JobName, QueueName, jobIds } from '../jobs/job.constants';

/** Redis keeps nothing on disk here: the schedule is put back when it is missing (start-up, then every few minutes). */
const WATCHDOG_MS = 5 * 60_000;

@Injectable()
export class BackupScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('BackupScheduler');
  private watchdog: NodeJS.Timeout | null = null;

  constructor(
    private readonly config: AppConfig,
    @InjectQueue(QueueName.Backup) private readonly queue: Queue,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runsWorker) return;
    void this.ensureScheduled();
    this.watchdog = setInterval(() => void this.ensureScheduled(), WATCHDOG_MS);
    this.watchdog.unref();
  }

  onApplicationShutdown(): void {
    if (this.watchdog) clearInterval(this.watchdog);
  }

  async ensureScheduled(): Promise<boolean> {
    try {
      const id = jobIds.backupScheduler();
      if (!this.config.backupCron) {
        await this.queue.removeJobScheduler(id);
        return false;
      }
      const existing = await this.queue.getJobScheduler(id);
      if (existing?.pattern === this.config.backupCron) return false;
      await this.queue.upsertJobScheduler(
        id,
        { pattern: this.config.backupCron, tz: 'Asia/Tokyo' },
        {
          name: JobName.Backup,
          data: { reason: 'scheduled' },
          opts: { ...DEFAULT_JOB_OPTIONS, attempts: 3, backoff: { type: 'exponential', delay: 60_000 }, removeOnComplete: { count: 30 } },
        },
      );
      this.logger.log({ cron: this.config.backupCron, tz: 'Asia/Tokyo' }, 'nightly backup scheduled');
      return true;
    } catch (err) {
      this.logger.warn({ err: String(err) }, 'backup schedule not set now (Redis unavailable); retrying later');
      return false;
    }
  }
}
