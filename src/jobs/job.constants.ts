import type { JobsOptions } from 'bullmq';

/** One queue per kind of work, so that a slow embedding backlog never delays a follow-up. */
export enum QueueName {
  Embedding = 'embedding',
  FollowUp = 'follow-up',
  Maintenance = 'maintenance',
  /** Nightly database backup (src/backup/): its own queue, so that a long dump never delays maintenance. */
  Backup = 'backup',
  /** Imports of the catalogue (parse and preview, commit): a 10,000-row list never runs in a request. */
  CatalogueImport = 'catalogue-import',
}

export enum JobName {
  /** (Re-)embed one resource whose text changed. No longer enqueued (writes enqueue EmbedPending); still processed. */
  EmbedResource = 'embed-resource',
  /** (Re-)embed one participant whose needs changed. No longer enqueued; still processed. */
  EmbedParticipant = 'embed-participant',
  /** Embed everything pending or embedded by another model, in batches, with progress. Every write enqueues it. */
  EmbedPending = 'embed-pending',
  /** A follow-up checkpoint reaches its date: mark it due, notify the coordinator, then add its CheckpointOverdue job. */
  CheckpointDue = 'checkpoint-due',
  /** No check-in some days after the date: mark it overdue and notify. Added by the due job (one job per checkpoint). */
  CheckpointOverdue = 'checkpoint-overdue',
  /** Deliver undelivered notifications to the deployment's webhook (an outbox walk). */
  DeliverNotifications = 'deliver-notifications',
  /** 00:10 Asia/Tokyo on the 1st: freeze the previous month's report. */
  MonthlySnapshot = 'monthly-snapshot',
  /** Read an uploaded list and write its preview rows. */
  ImportParse = 'import-parse',
  /** Write a previewed import into the catalogue. */
  ImportCommit = 'import-commit',
  /** Re-create lost work from the database (the source of truth). */
  Reconcile = 'reconcile',
  /** Business days at DIGEST_TIME (Asia/Tokyo): one e-mail per coordinator with what is due, overdue or urgent. */
  MorningDigest = 'morning-digest',
  /** Dump the database into BACKUP_DIR, verify it and drop old generations. */
  Backup = 'backup',
}

export interface JobPayloads {
  [JobName.EmbedResource]: { resourceId: string; contentHash: string };
  [JobName.EmbedParticipant]: { participantId: string; needsHash: string };
  [JobName.EmbedPending]: { reason: string };
  [JobName.CheckpointDue]: { checkpointId: string };
  [JobName.CheckpointOverdue]: { checkpointId: string };
  [JobName.DeliverNotifications]: Record<string, never>;
  [JobName.MonthlySnapshot]: Record<string, never>;
  [JobName.ImportParse]: { importId: string };
  [JobName.ImportCommit]: { importId: string };
  [JobName.Reconcile]: Record<string, never>;
  [JobName.MorningDigest]: Record<string, never>;
  [JobName.Backup]: { reason: string };
}

/** Redis key (under the embedding queue's prefix) of the batch job's generation, raised when a run starts. */
export const EMBED_GENERATION_KEY = 'embed-generation';

/** Every job retries with backoff and cleans up after itself. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 3_600, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3_600 },
};

/** Deterministic ids: re-adding the same work is a no-op in BullMQ. (BullMQ refuses ':' in custom ids.) */
export const jobIds = {
  embedResource: (resourceId: string, contentHash: string) => `embed-resource_${resourceId}_${contentHash.slice(0, 16)}`,
  embedParticipant: (participantId: string, needsHash: string) => `embed-participant_${participantId}_${needsHash.slice(0, 16)}`,
  /** One run per generation (EMBED_GENERATION_KEY): writes made while a run walks the table get the next one. */
  embedPending: (generation: string) => `embed-pending_${generation}`,
  checkpoint: (kind: 'due' | 'overdue', checkpointId: string) => `checkpoint-${kind}_${checkpointId}`,
  reconcileScheduler: () => 'reconcile-every',
  monthlySnapshotScheduler: () => 'monthly-snapshot',
  deliverNotifications: () => 'deliver-notifications',
  morningDigestScheduler: () => 'morning-digest',
  backupScheduler: () => 'backup-nightly',
  importStep: (step: 'parse' | 'commit', importId: string) => `import-${step}_${importId}`,
};
