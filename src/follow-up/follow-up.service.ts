import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { AppConfig } from '../config/app-config';
import { AppException, ErrorCode } from '../common/app.exception';
import { addressOf } from '../common/person-name';
import { tokyoDate } from '../common/tokyo-time';
import { TransactionRunner } from '../database/transaction.runner';
import { JobRepository, type CheckpointTiming } from '../jobs/job.repository';
import { draftPlan } from './follow-up-plan';
import { FollowUpRepository, type CheckpointContext } from './follow-up.repository';
import { WebhookRepository, type OutgoingNotification } from './webhook.repository';

/** Failures after which one walk stops early: the endpoint is probably down, so back off. */
const WEBHOOK_FAILURES_BEFORE_BACKOFF = 3;

export interface FollowUpOptions {
  lengthDays?: number;
  checkpointDays?: number[];
}

@Injectable()
export class FollowUpService {
  private readonly logger = new Logger(FollowUpService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly followUps: FollowUpRepository,
    private readonly jobs: JobRepository,
    private readonly tx: TransactionRunner,
    private readonly webhook: WebhookRepository,
  ) {}

  /** Creates plan `sequence` inside the caller's transaction; the caller schedules the returned jobs after commit. */
  async createPlan(manager: EntityManager, placementId: string, sequence: number, startsOn: string, options: FollowUpOptions = {}): Promise<CheckpointTiming[]> {
    const lengthDays = options.lengthDays ?? this.config.followUpLengthDays;
    const days = options.checkpointDays ?? this.config.followUpCheckpointDays.filter((d) => d <= lengthDays);
    const tooLate = days.find((d) => d > lengthDays);
    if (tooLate !== undefined) {
      throw AppException.validation('followUp.checkpointDays', `確認日（${tooLate} 日目）はフォロー期間（${lengthDays} 日）以内にしてください`);
    }
    if (!days.length) throw AppException.validation('followUp.checkpointDays', '確認日を 1 つ以上指定してください');
    return this.followUps.createPlan(manager, placementId, sequence, draftPlan(startsOn, lengthDays, days, this.config.followUpOverdueGraceSeconds));
  }

  /** After commit. If Redis is away the reconciler creates the jobs later: nothing is lost. */
  async schedule(checkpoints: CheckpointTiming[]): Promise<void> {
    try {
      await this.jobs.scheduleCheckpoints(checkpoints);
    } catch (err) {
      this.logger.warn({ err: String(err), checkpoints: checkpoints.length }, 'follow-up jobs not scheduled now; the reconciler will');
    }
  }

  /** Job handler: the checkpoint's day has come. */
  async markDue(checkpointId: string): Promise<'notified' | 'unchanged'> {
    return this.afterNotifying(this.tx.run(async (manager) => {
      if (!(await this.followUps.advance(manager, checkpointId, 'due', ['scheduled']))) return 'unchanged';
      const c = await this.followUps.context(checkpointId, manager);
      await this.followUps.notify(manager, {
        recipientTokenId: c!.coordinatorId,
        kind: c!.isFinal ? 'decision_needed' : 'checkpoint_due',
        placementId: c!.placementId,
        checkpointId,
        message: c!.isFinal ? finalMessage(c!) : `${addressOf(c!.displayName)}（${c!.resourceTitle}）の定着フォロー（${c!.dayOffset}日目、${c!.dueOn}）の時期です。面談して記録してください。`,
        dedupeKey: `${checkpointId}:due`,
      });
      return 'notified' as const;
    }));
  }

  /** Job handler: no check-in recorded within the grace period. */
  async markOverdue(checkpointId: string): Promise<'notified' | 'unchanged'> {
    return this.afterNotifying(this.tx.run(async (manager) => {
      if (!(await this.followUps.advance(manager, checkpointId, 'overdue', ['scheduled', 'due']))) return 'unchanged';
      const c = await this.followUps.context(checkpointId, manager);
      await this.followUps.notify(manager, {
        recipientTokenId: c!.coordinatorId,
        kind: 'checkpoint_overdue',
        placementId: c!.placementId,
        checkpointId,
        message: `${addressOf(c!.displayName)}（${c!.resourceTitle}）の定着フォロー（${c!.dueOn}）の記録がまだありません。`,
        dedupeKey: `${checkpointId}:overdue`,
      });
      return 'notified' as const;
    }));
  }

  /** After the notification is committed, hand it to the webhook outbox (when configured). */
  async afterNotifying<T>(work: Promise<T>): Promise<T> {
    const result = await work;
    if (result !== 'unchanged') await this.jobs.enqueueNotificationDelivery();
    return result;
  }

  /**
   * Job handler: pushes undelivered notifications, oldest first. One that fails does not hold
   * back the others; the walk stops early when the endpoint looks down, and any failure makes
   * the job throw so that BullMQ retries it with backoff.
   */
  async deliverNotifications(): Promise<number> {
    if (!this.webhook.enabled) return 0;
    let delivered = 0;
    const failed: string[] = [];
    while (failed.length < WEBHOOK_FAILURES_BEFORE_BACKOFF) {
      const batch = await this.webhook.undelivered(50, failed);
      if (!batch.length) break;
      for (const notification of batch) {
        if (await this.deliverOne(notification)) delivered++;
        else if (failed.push(notification.id) >= WEBHOOK_FAILURES_BEFORE_BACKOFF) break;
      }
    }
    if (failed.length) throw new Error(`webhook: ${failed.length} notification(s) not delivered, ${delivered} delivered; retrying later`);
    return delivered;
  }

  private async deliverOne(notification: OutgoingNotification): Promise<boolean> {
    try {
      await this.webhook.post(notification);
    } catch (err) {
      await this.webhook.markFailed(notification.id, String(err));
      this.logger.warn({ notification: notification.id, err: String(err) }, 'webhook delivery failed; will retry');
      return false;
    }
    await this.webhook.markDelivered(notification.id);
    return true;
  }

  /** Records a check-in inside the caller's transaction; an urgent concern notifies at once. */
  async recordCheckin(
    manager: EntityManager,
    actor: Actor,
    placement: { id: string; coordinatorId: string | null; displayName: string; resourceTitle: string },
    dto: { checkpointId?: string; date: string; attendance: string; wellbeing: number; hostFeedback?: string; note?: string; concern?: string },
  ): Promise<string> {
    const checkpoint = dto.checkpointId
      ? await this.followUps.findCheckpoint(manager, placement.id, dto.checkpointId)
      : await this.followUps.earliestOpenDue(manager, placement.id);
    if (dto.checkpointId && !checkpoint) throw AppException.validation('checkpointId', 'この紹介の確認日ではありません');
    if (checkpoint && ['done', 'cancelled'].includes(checkpoint.status) && dto.checkpointId) {
      throw new AppException(ErrorCode.Conflict, 'この確認日はすでに記録済みか、取り消されています。', { errors: [{ field: 'checkpointId', message: `状態: ${checkpoint.status}` }] });
    }
    if (checkpoint) await this.followUps.advance(manager, checkpoint.id, 'done', ['scheduled', 'due', 'overdue']);
    const concern = dto.concern ?? 'none';
    const id = await this.followUps.addCheckin(
      manager,
      { placementId: placement.id, checkpointId: checkpoint?.id ?? null, date: dto.date, attendance: dto.attendance, wellbeing: dto.wellbeing, hostFeedback: dto.hostFeedback ?? null, note: dto.note ?? null, concern },
      actor,
    );
    if (concern === 'urgent') {
      await this.followUps.notify(manager, {
        recipientTokenId: placement.coordinatorId,
        kind: 'urgent_concern',
        placementId: placement.id,
        checkpointId: checkpoint?.id ?? null,
        message: `【至急】${addressOf(placement.displayName)}（${placement.resourceTitle}）について、緊急の懸念が記録されました（${dto.date}）。確認してください。`,
        dedupeKey: `${id}:urgent`,
      });
    }
    return id;
  }

  /** Re-creates every missing job of open checkpoints; returns how many checkpoints needed it. */
  async reconcile(): Promise<number> {
    if (this.webhook.enabled && (await this.webhook.undelivered(1)).length) await this.jobs.enqueueNotificationDelivery();
    let afterId: string | null = null;
    let count = 0;
    for (;;) {
      const batch = await this.followUps.openCheckpoints(afterId, 1_000);
      if (!batch.length) return count;
      count += await this.jobs.scheduleMissingCheckpoints(batch);
      afterId = batch[batch.length - 1].id;
    }
  }

  notifications(actor: Actor, unreadOnly: boolean) {
    return this.followUps.notifications({ recipientTokenId: recipient(actor), unreadOnly, limit: 200 });
  }

  async markNotificationRead(actor: Actor, id: string): Promise<void> {
    if (!(await this.followUps.markRead(id, recipient(actor)))) throw AppException.notFound('通知', id);
  }

  get defaultLengthDays(): number {
    return this.config.followUpLengthDays;
  }

  today(): string {
    return tokyoDate();
  }
}

function finalMessage(c: CheckpointContext): string {
  return `${addressOf(c.displayName)}（${c.resourceTitle}）の定着フォローが最後の確認日（${c.dueOn}）を迎えました。面談のうえ、終結（定着）・期間の延長・つなぎなおしのいずれかを決めてください。`;
}

/** undefined = every notification (admins); otherwise the coordinator's own and unaddressed ones. */
function recipient(actor: Actor): string | null | undefined {
  return actor.role === 'admin' ? undefined : actor.tokenId;
}
