import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config';
import { DEFAULT_JOB_OPTIONS, EMBED_GENERATION_KEY, JobName, jobIds, QueueName, type JobPayloads } from './job.constants';

/** What the queue needs of a follow-up checkpoint to schedule its next job (due or overdue). */
export interface CheckpointJobTiming {
  id: string;
  status: string;
  dueAt: Date;
  overdueAt: Date;
}

/** How long an API request waits for Redis before leaving the work to the reconciler. */
const ENQUEUE_TIMEOUT_MS = 2_000;

/**
 * All BullMQ producers. Enqueueing never fails a request: the database already holds
 * the state (e.g. embedding_status = 'pending'), and the reconciler re-creates any
 * job that could not be added while Redis was away.
 */
@Injectable()
export class JobRepository {
  private readonly logger = new Logger(JobRepository.name);

  constructor(
    @InjectQueue(QueueName.Embedding) private readonly embedding: Queue,
    @InjectQueue(QueueName.FollowUp) private readonly followUp: Queue,
    @InjectQueue(QueueName.Maintenance) private readonly maintenance: Queue,
    @InjectQueue(QueueName.CatalogueImport) private readonly catalogueImport: Queue,
    private readonly config: AppConfig,
  ) {}

  /** A resource's text changed: it is embedded by the next batched run (with every other pending row). */
  enqueueResourceEmbedding(_resourceId: string, _contentHash: string): Promise<boolean> {
    return this.enqueueEmbedPending('resource');
  }

  /** One job per import and step; the import row in the database says where it stands, so a retry is safe. */
  enqueueImportStep(step: 'parse' | 'commit', importId: string): Promise<boolean> {
    const name = step === 'parse' ? JobName.ImportParse : JobName.ImportCommit;
    return this.tryAdd(this.catalogueImport, name, { importId }, { jobId: jobIds.importStep(step, importId), attempts: 3 });
  }

  /** A participant's needs changed: embedded by the next batched run. */
  enqueueParticipantEmbedding(_participantId: string, _needsHash: string): Promise<boolean> {
    return this.enqueueEmbedPending('participant');
  }

  /**
   * One delayed job per open checkpoint, for the next thing that can happen to it: a `scheduled` one gets its due job
   * (at dueAt), a `due` one its overdue job (at overdueAt); done or cancelled ones nothing. The due job schedules the
   * overdue job when it runs (FollowUpService.markDue), so Redis never holds two jobs per checkpoint: a reconcile after
   * a Redis wipe re-adds 40,000 jobs for 40,000 checkpoints, not 80,000 (docs/benchmarks.md, follow-up, one job per
   * checkpoint). A past instant runs at once. Same ids every time (BullMQ skips an id it holds): callers may repeat
   * this freely. Throws when Redis is unavailable, so callers know the work is left to the reconciler.
   */
  async scheduleCheckpoints(checkpoints: CheckpointJobTiming[]): Promise<void> {
    const now = Date.now();
    const jobs = checkpoints.flatMap((c) => {
      const next = nextCheckpointJob(c);
      return next ? [this.checkpointJob(next.name, next.kind, c.id, next.at, now)] : [];
    });
    for (let i = 0; i < jobs.length; i += 500) await withTimeout(this.followUp.addBulk(jobs.slice(i, i + 500)));
  }

  /**
   * The reconciler's path: schedules only the checkpoints whose next job (see scheduleCheckpoints) is missing, found
   * with one pipelined HMGET per job key, so a periodic pass over 40,000 present jobs costs Redis almost nothing
   * (docs/benchmarks.md, follow-up). A job that is there but finished (failed after its attempts, or completed while
   * the database still says the step is to do) is removed and added again: with one job per checkpoint there is no
   * later job to catch a lost step, so a failed due job must not block the checkpoint for the 7 days BullMQ keeps it.
   * Re-running a finished job is harmless (status guards, notification dedupe keys). Returns how many checkpoints
   * were (re-)scheduled.
   */
  async scheduleMissingCheckpoints(checkpoints: CheckpointJobTiming[]): Promise<number> {
    const client = (await this.followUp.client) as unknown as Redis; // BullMQ types it loosely
    const pipeline = client.pipeline();
    const owners: Array<{ checkpoint: CheckpointJobTiming; jobId: string }> = [];
    for (const c of checkpoints) {
      const next = nextCheckpointJob(c);
      if (!next) continue;
      const jobId = jobIds.checkpoint(next.kind, c.id);
      // Every BullMQ job hash has `timestamp`; `finishedOn` is set when it completes or fails for good.
      pipeline.hmget(this.followUp.toKey(jobId), 'timestamp', 'finishedOn');
      owners.push({ checkpoint: c, jobId });
    }
    if (!owners.length) return 0;
    const replies = (await withTimeout(pipeline.exec())) ?? [];
    const missing: CheckpointJobTiming[] = [];
    const finished: string[] = [];
    owners.forEach(({ checkpoint, jobId }, i) => {
      const [err, fields] = replies[i] ?? [new Error('no reply'), null];
      const [timestamp, finishedOn] = (fields as Array<string | null> | null) ?? [null, null];
      if (err || !timestamp) missing.push(checkpoint);
      else if (finishedOn) {
        finished.push(jobId);
        missing.push(checkpoint);
      }
    });
    if (finished.length) {
      this.logger.warn({ jobs: finished.length }, 'finished follow-up jobs whose step is still open in the database: running them again');
      // One that cannot go now (e.g. taken by a worker meanwhile) stays; its add below is a no-op, the next pass retries.
      await withTimeout(Promise.allSettled(finished.map((id) => this.followUp.remove(id))));
    }
    if (missing.length) await this.scheduleCheckpoints(missing);
    return missing.length;
  }

  /**
   * Checkpoints whose instants changed (a recomputation of due dates): their old delayed jobs go (both kinds: a
   * deployment from before one job per checkpoint also holds an overdue job for a scheduled checkpoint), new ones come.
   */
  async rescheduleCheckpoints(checkpoints: CheckpointJobTiming[]): Promise<void> {
    for (const c of checkpoints) {
      for (const kind of ['due', 'overdue'] as const) await withTimeout(this.followUp.remove(jobIds.checkpoint(kind, c.id)));
    }
    await this.scheduleCheckpoints(checkpoints);
  }

  private checkpointJob(name: JobName, kind: 'due' | 'overdue', checkpointId: string, at: Date, now: number) {
    return {
      name,
      data: { checkpointId },
      opts: {
        ...DEFAULT_JOB_OPTIONS,
        jobId: jobIds.checkpoint(kind, checkpointId),
        delay: Math.max(0, at.getTime() - now),
        removeOnComplete: { age: 24 * 3_600 },
      },
    };
  }

  /**
   * Every embedding need (a write, an import, a model change, the reconciler): one job that walks the rows
   * still to embed in batches. Its id carries the current generation, so the writes of a bulk load coalesce
   * into one waiting job; a run raises the generation before it reads (startEmbeddingRun), so a write it may
   * have missed enqueues the next run instead of being dropped as a duplicate of the running one.
   */
  async enqueueEmbedPending(reason: string): Promise<boolean> {
    try {
      const client = (await this.embedding.client) as unknown as Redis; // BullMQ types it loosely
      const generation = (await withTimeout(client.get(this.embedding.toKey(EMBED_GENERATION_KEY)))) ?? '0';
      const payload: JobPayloads[JobName.EmbedPending] = { reason };
      return await this.tryAdd(this.embedding, JobName.EmbedPending, payload, {
        jobId: jobIds.embedPending(generation),
        removeOnComplete: true,
        removeOnFail: true,
      });
    } catch (err) {
      this.logger.warn({ job: JobName.EmbedPending, err: String(err) }, 'job not enqueued now; the reconciler will create it');
      return false;
    }
  }

  /** Called by the batched run before it reads anything: later writes enqueue the next generation's run. */
  async startEmbeddingRun(): Promise<void> {
    const client = (await this.embedding.client) as unknown as Redis;
    await withTimeout(client.incr(this.embedding.toKey(EMBED_GENERATION_KEY)));
  }

  async scheduleReconcile(): Promise<void> {
    await this.maintenance.upsertJobScheduler(
      jobIds.reconcileScheduler(),
      { every: this.config.reconcileIntervalSeconds * 1_000 },
      {
        name: JobName.Reconcile,
        data: {},
        opts: { ...DEFAULT_JOB_OPTIONS, attempts: 1, removeOnComplete: true, removeOnFail: { count: 100 } },
      },
    );
  }

  /** One job walks the outbox; re-adding while one waits is a no-op. Retries back off up to ~8 min. */
  enqueueNotificationDelivery(): Promise<boolean> {
    if (!this.config.webhookUrl) return Promise.resolve(false);
    return this.tryAdd(
      this.followUp,
      JobName.DeliverNotifications,
      {},
      {
        jobId: jobIds.deliverNotifications(),
        attempts: 8,
        removeOnComplete: true,
        removeOnFail: true,
      },
    );
  }

  async scheduleMonthlySnapshot(): Promise<void> {
    await this.maintenance.upsertJobScheduler(
      jobIds.monthlySnapshotScheduler(),
      { pattern: '10 0 1 * *', tz: 'Asia/Tokyo' },
      { name: JobName.MonthlySnapshot, data: {}, opts: { ...DEFAULT_JOB_OPTIONS, removeOnComplete: { count: 24 } } },
    );
  }

  /** The morning digest at DIGEST_TIME every day (the task itself skips closed days); removed when mail is off. */
  async scheduleMorningDigest(): Promise<void> {
    if (!this.config.smtpUrl) {
      await this.maintenance.removeJobScheduler(jobIds.morningDigestScheduler());
      return;
    }
    const { hour, minute } = this.config.digestTime;
    await this.maintenance.upsertJobScheduler(
      jobIds.morningDigestScheduler(),
      { pattern: `${minute} ${hour} * * *`, tz: 'Asia/Tokyo' },
      { name: JobName.MorningDigest, data: {}, opts: { ...DEFAULT_JOB_OPTIONS, removeOnComplete: { count: 30 } } },
    );
  }

  /** Every repeatable job present? A Redis restart loses them with everything else. */
  async areSchedulersPresent(): Promise<boolean> {
    const [reconcile, snapshot, digest] = await Promise.all([
      this.maintenance.getJobScheduler(jobIds.reconcileScheduler()),
      this.maintenance.getJobScheduler(jobIds.monthlySnapshotScheduler()),
      this.config.smtpUrl ? this.maintenance.getJobScheduler(jobIds.morningDigestScheduler()) : true,
    ]);
    return Boolean(reconcile && snapshot && digest);
  }

  private async tryAdd(queue: Queue, name: JobName, data: object, opts: object): Promise<boolean> {
    try {
      await withTimeout(queue.add(name, data, { ...DEFAULT_JOB_OPTIONS, ...opts }));
      return true;
    } catch (err) {
      this.logger.warn({ queue: queue.name, job: name, err: String(err) }, 'job not enqueued now; the reconciler will create it');
      return false;
    }
  }
}

/** The one job a checkpoint needs next: due while scheduled, overdue while due, none once done or cancelled. */
function nextCheckpointJob(c: CheckpointJobTiming): { name: JobName; kind: 'due' | 'overdue'; at: Date } | null {
  if (c.status === 'scheduled') return { name: JobName.CheckpointDue, kind: 'due', at: c.dueAt };
  if (c.status === 'due') return { name: JobName.CheckpointOverdue, kind: 'overdue', at: c.overdueAt };
  return null;
}

/** While Redis is away BullMQ queues commands forever; a request must not wait for it. */
async function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ENQUEUE_TIMEOUT_MS} ms`)), ENQUEUE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
