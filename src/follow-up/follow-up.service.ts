import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { AppConfig } from '../config/app-config';
import { BusinessCalendar } from '../calendar/business-calendar';
import { AppException, ErrorCode } from '../common/app.exception';
import { Clock } from '../common/clock';
import { addressOf } from '../common/person-name';
import type { DueDateRule } from '../config/app-config';
import { TransactionRunner } from '../database/transaction.runner';
import { JobRepository } from '../jobs/job.repository';
import { ReconcileRegistry } from '../jobs/reconcile.registry';
import { NotificationService } from '../notifications/notification.service';
import { PlacementFollowUp } from '../placements/placement-follow-up';
import { draftPlan, timing, type DraftOptions, type PlanDraft } from './follow-up-plan';
import { FollowUpRepository, type Checkpoint, type CheckpointContext, type CheckpointTiming } from './follow-up.repository';

/** A checkpoint that a recomputation of due dates moves (or would move). */
export interface MovedCheckpoint {
  placementId: string;
  checkpointId: string;
  nominalDueOn: string;
  from: string;
  to: string;
}

export interface FollowUpOptions {
  lengthDays?: number;
  checkpointDays?: number[];
}

/** Checkpoints read per reconcile page, and pages whose Redis work may run at once (docs/benchmarks.md, follow-up). */
const RECONCILE_PAGE = 1_000;
const RECONCILE_IN_FLIGHT = 4;

@Injectable()
export class FollowUpService implements PlacementFollowUp, OnModuleInit {
  private readonly logger = new Logger(FollowUpService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly followUps: FollowUpRepository,
    private readonly jobs: JobRepository,
    private readonly tx: TransactionRunner,
    private readonly notifications: NotificationService,
    private readonly registry: ReconcileRegistry,
    private readonly calendar: BusinessCalendar,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.register({ key: 'checkpointsScheduled', order: 10, run: () => this.reconcile() });
  }

  /** The plan that starts on `startsOn` (Tokyo date), with the service's defaults for what `options` leaves out. */
  draft(startsOn: string, options: FollowUpOptions = {}): PlanDraft {
    const lengthDays = options.lengthDays ?? this.config.followUpLengthDays;
    const days = options.checkpointDays ?? this.config.followUpCheckpointDays.filter((d) => d <= lengthDays);
    const tooLate = days.find((d) => d > lengthDays);
    if (tooLate !== undefined) {
      throw AppException.validation(
        'followUp.checkpointDays',
        `確認日（${tooLate} 日目）はフォロー期間（${lengthDays} 日）以内にしてください`,
      );
    }
    if (!days.length) throw AppException.validation('followUp.checkpointDays', '確認日を 1 つ以上指定してください');
    return draftPlan(startsOn, lengthDays, days, this.draftOptions());
  }

  private draftOptions(rule?: DueDateRule): DraftOptions {
    return {
      calendar: this.calendar,
      rule,
      graceBusinessDays: this.config.followUpOverdueGraceBusinessDays,
      graceSeconds: this.config.followUpOverdueGraceSeconds,
      now: this.clock.now(),
    };
  }

  /**
   * PlacementFollowUp, inside the closing transaction: closing as 定着 schedules 「その後の様子確認」 `days` after
   * today (default FOLLOWUP_AFTER_CLOSURE_DAYS; 0 = none), on a business day. No jobs: it shows on ホーム and in the digest.
   */
  async afterClosure(manager: EntityManager, placementId: string, days?: number): Promise<void> {
    const dayOffset = days ?? this.config.followUpAfterClosureDays;
    if (!dayOffset) return;
    const today = this.today();
    const when = timing(today, dayOffset, this.draftOptions());
    await this.followUps.addAfterClosure(manager, placementId, { dayOffset, ...when });
  }

  /**
   * The one-off recomputation offered when the calendar rules arrive or change: scheduled checkpoints of
   * active placements move to the due day the current rules give their nominal day. Dry run unless `apply`.
   */
  async recomputeDueDates(apply: boolean): Promise<{ checked: number; moved: MovedCheckpoint[] }> {
    const moved: MovedCheckpoint[] = [];
    const changed: CheckpointTiming[] = [];
    let checked = 0;
    let afterId: string | null = null;
    const options = this.draftOptions();
    for (;;) {
      const batch = await this.followUps.scheduledForRecompute(afterId, 1_000);
      if (!batch.length) break;
      checked += batch.length;
      afterId = batch[batch.length - 1].id;
      for (const c of batch) {
        const next = timing(c.startsOn, c.dayOffset, options);
        if (next.dueOn === c.dueOn) continue;
        if (apply && !(await this.tx.run((m) => this.followUps.moveScheduled(m, c.id, next)))) continue;
        moved.push({ placementId: c.placementId, checkpointId: c.id, nominalDueOn: next.nominalOn, from: c.dueOn, to: next.dueOn });
        changed.push({ id: c.id, status: 'scheduled', dueAt: next.dueAt, overdueAt: next.overdueAt });
      }
    }
    if (apply && changed.length) {
      try {
        await this.jobs.rescheduleCheckpoints(changed);
      } catch (err) {
        // Redis away: the old jobs may still fire at the old instants; the moved dates are stored and shown.
        this.logger.warn({ err: String(err), checkpoints: changed.length }, 'moved checkpoints not rescheduled now');
      }
    }
    return { checked, moved };
  }

  /** Creates plan `sequence` inside the caller's transaction; the caller schedules the returned jobs after commit. */
  async createPlan(
    manager: EntityManager,
    placementId: string,
    sequence: number,
    startsOn: string,
    options: FollowUpOptions = {},
  ): Promise<CheckpointTiming[]> {
    return this.savePlan(manager, placementId, sequence, this.draft(startsOn, options));
  }

  savePlan(manager: EntityManager, placementId: string, sequence: number, plan: PlanDraft): Promise<CheckpointTiming[]> {
    return this.followUps.createPlan(manager, placementId, sequence, plan);
  }

  /**
   * PlacementFollowUp: the first plan starts on the day the person started (today, or a backdated start). Checkpoints
   * are counted from that day; one whose due instant is already past is due now (its job runs at once, delay 0) and
   * gets the usual grace from today before it counts as overdue: the coordinator learns of it now, not before.
   */
  start(manager: EntityManager, placementId: string, startsOn: string, options?: FollowUpOptions): Promise<CheckpointTiming[]> {
    const plan = this.draft(startsOn, options);
    const now = this.clock.now();
    const today = this.today();
    if (startsOn < today) {
      const fromToday = timing(today, 0, this.draftOptions());
      for (const c of plan.checkpoints) {
        if (c.dueAt.getTime() > now.getTime()) continue;
        c.dueAt = now;
        if (c.overdueAt.getTime() < fromToday.overdueAt.getTime()) c.overdueAt = fromToday.overdueAt;
      }
    }
    return this.savePlan(manager, placementId, 1, plan);
  }

  cancelOpen(manager: EntityManager, placementId: string): Promise<void> {
    return this.followUps.cancelOpen(manager, placementId);
  }

  plans(placementId: string) {
    return this.followUps.plans(placementId);
  }

  checkpoints(placementId: string) {
    return this.followUps.checkpoints(placementId);
  }

  afterClosureContact(placementId: string) {
    return this.followUps.openAfterClosure(placementId);
  }

  checkins(placementId: string): Promise<unknown[]> {
    return this.followUps.checkins(placementId);
  }

  /** After commit. If Redis is away the reconciler creates the jobs later: nothing is lost. */
  async schedule(checkpoints: CheckpointTiming[]): Promise<void> {
    try {
      await this.jobs.scheduleCheckpoints(checkpoints);
    } catch (err) {
      this.logger.warn({ err: String(err), checkpoints: checkpoints.length }, 'follow-up jobs not scheduled now; the reconciler will');
    }
  }

  /**
   * Job handler: the checkpoint's day has come. Marks it due and notifies (once: status guard and dedupe key), then
   * schedules its overdue job — after commit, and also when this run changed nothing (a retry after a crash between
   * the two, or a reconcile that re-added the due job), so a due checkpoint always gets its overdue check. One job per
   * checkpoint at any time: half the Redis work of a reconcile after a wipe (docs/benchmarks.md, follow-up). Throws
   * when Redis refuses the overdue job, so BullMQ retries this job; the reconciler also adds it for every due checkpoint.
   */
  async markDue(checkpointId: string): Promise<'notified' | 'unchanged'> {
    const result = await this.markDueAndNotify(checkpointId);
    const timing = await this.followUps.jobTiming(checkpointId);
    if (timing?.status === 'due') await this.jobs.scheduleCheckpoints([timing]);
    return result;
  }

  private markDueAndNotify(checkpointId: string): Promise<'notified' | 'unchanged'> {
    return this.notifications.afterNotifying(
      this.tx.run(async (manager) => {
        if (!(await this.followUps.advance(manager, checkpointId, 'due', ['scheduled']))) return 'unchanged';
        const c = await this.followUps.context(checkpointId, manager);
        await this.notifications.notify(manager, {
          recipientUserId: c!.coordinatorId,
          kind: c!.isFinal ? 'decision_needed' : 'checkpoint_due',
          placementId: c!.placementId,
          checkpointId,
          message: c!.isFinal
            ? finalMessage(c!)
            : `${addressOf(c!.displayName)}（${c!.resourceTitle}）の定着フォロー（${c!.dayOffset}日目、${c!.dueOn}）の時期です。面談して記録してください。`,
          dedupeKey: `${checkpointId}:due`,
        });
        return 'notified' as const;
      }),
    );
  }

  /**
   * Job handler: no check-in recorded within the grace period. Also accepts a `scheduled` checkpoint: deployments from
   * before one job per checkpoint hold an overdue job beside the due job, and an overdue job running before (or
   * instead of) the due job still marks and notifies once.
   */
  async markOverdue(checkpointId: string): Promise<'notified' | 'unchanged'> {
    return this.notifications.afterNotifying(
      this.tx.run(async (manager) => {
        if (!(await this.followUps.advance(manager, checkpointId, 'overdue', ['scheduled', 'due']))) return 'unchanged';
        const c = await this.followUps.context(checkpointId, manager);
        await this.notifications.notify(manager, {
          recipientUserId: c!.coordinatorId,
          kind: 'checkpoint_overdue',
          placementId: c!.placementId,
          checkpointId,
          message: `${addressOf(c!.displayName)}（${c!.resourceTitle}）の定着フォロー（${c!.dueOn}）の記録がまだありません。`,
          dedupeKey: `${checkpointId}:overdue`,
        });
        return 'notified' as const;
      }),
    );
  }

  /** Records a check-in inside the caller's transaction; an urgent concern notifies at once. */
  async recordCheckin(
    manager: EntityManager,
    actor: Actor,
    placement: { id: string; coordinatorId: string | null; displayName: string; resourceTitle: string },
    dto: {
      checkpointId?: string;
      date: string;
      attendance: string;
      wellbeing: number;
      hostFeedback?: string;
      note?: string;
      concern?: string;
    },
  ): Promise<string> {
    const checkpoint = dto.checkpointId
      ? await this.followUps.findCheckpoint(manager, placement.id, dto.checkpointId)
      : await this.followUps.earliestOpenDue(manager, placement.id);
    if (dto.checkpointId && !checkpoint) throw AppException.validation('checkpointId', 'この紹介の確認日ではありません');
    if (checkpoint && ['done', 'cancelled'].includes(checkpoint.status) && dto.checkpointId) {
      throw new AppException(ErrorCode.Conflict, 'この確認日はすでに記録済みか、取り消されています。', {
        errors: [{ field: 'checkpointId', message: `状態: ${checkpoint.status}` }],
      });
    }
    if (checkpoint) this.assertWindowOpen(checkpoint);
    if (checkpoint) await this.followUps.advance(manager, checkpoint.id, 'done', ['scheduled', 'due', 'overdue']);
    const concern = dto.concern ?? 'none';
    const id = await this.followUps.addCheckin(
      manager,
      {
        placementId: placement.id,
        checkpointId: checkpoint?.id ?? null,
        date: dto.date,
        attendance: dto.attendance,
        wellbeing: dto.wellbeing,
        hostFeedback: dto.hostFeedback ?? null,
        note: dto.note ?? null,
        concern,
      },
      actor,
    );
    if (concern === 'urgent') {
      await this.notifications.notify(manager, {
        recipientUserId: placement.coordinatorId,
        kind: 'urgent_concern',
        placementId: placement.id,
        checkpointId: checkpoint?.id ?? null,
        message: `【至急】${addressOf(placement.displayName)}（${placement.resourceTitle}）について、緊急の懸念が記録されました（${dto.date}）。確認してください。`,
        dedupeKey: `${id}:urgent`,
      });
    }
    return id;
  }

  /**
   * Re-creates the missing job of every open checkpoint (scheduled: its due job; due: its overdue job; see
   * JobRepository.scheduleCheckpoints); returns how many checkpoints needed it. After a Redis wipe at any moment this
   * restores exactly what is still to happen. Pipelined: the next page is read from the database while up to
   * RECONCILE_IN_FLIGHT pages are checked and re-added in Redis (docs/benchmarks.md, follow-up). Idempotent: job ids
   * are deterministic and BullMQ skips an id it holds.
   */
  async reconcile(pageSize = RECONCILE_PAGE): Promise<number> {
    let count = 0;
    let failed: unknown = null;
    const running = new Set<Promise<void>>();
    const read = (afterId: string | null) => {
      const page = this.followUps.openCheckpoints(afterId, pageSize);
      page.catch(() => undefined); // awaited below; not an unhandled rejection while Redis work is awaited
      return page;
    };
    let next = read(null);
    while (failed === null) {
      const batch = await next;
      if (!batch.length) break;
      next = read(batch[batch.length - 1].id);
      const work: Promise<void> = this.jobs.scheduleMissingCheckpoints(batch).then(
        (n) => void (count += n),
        (err: unknown) => void (failed ??= err),
      );
      running.add(work);
      void work.finally(() => running.delete(work));
      if (running.size >= RECONCILE_IN_FLIGHT) await Promise.race(running);
    }
    await Promise.all(running);
    if (failed !== null) throw failed;
    return count;
  }

  /**
   * A plan checkpoint is recorded from the day its window opens (CHECKPOINT_OPENS_DAYS_BEFORE days before it is due):
   * a note from the first days, or a host's view written today for 28日目, must not mark a later checkpoint done.
   */
  assertWindowOpen(checkpoint: Checkpoint): void {
    const today = this.today();
    if (checkpoint.kind !== 'follow_up' || checkpoint.opensOn <= today) return;
    throw AppException.validation(
      'checkpointId',
      `${checkpoint.dayOffset}日目の確認日（${checkpoint.dueOn}）はまだ記録できません。${checkpoint.opensOn} から記録できます。` +
        'それまでの記録は「確認日に充てない（臨時の記録）」にしてください',
    );
  }

  get defaultLengthDays(): number {
    return this.config.followUpLengthDays;
  }

  today(): string {
    return this.clock.today();
  }
}

function finalMessage(c: CheckpointContext): string {
  return `${addressOf(c.displayName)}（${c.resourceTitle}）の定着フォローが最後の確認日（${c.dueOn}）を迎えました。面談のうえ、終結（定着）・期間の延長・つなぎなおしのいずれかを決めてください。`;
}
