import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  areaFilter,
  assertReferralConsent,
  canSeeParticipant,
  canSeePlacement,
  defaultAssignee,
  hostOrganizationFilter,
  isHost,
  needsParticipantArea,
} from '../access/access.rules';
import type { Actor } from '../auth/actor';
import { AppException, ErrorCode } from '../common/app.exception';
import { Clock } from '../common/clock';
import { addressOf } from '../common/person-name';
import { addDays } from '../common/tokyo-time';
import { TransactionRunner } from '../database/transaction.runner';
import { NotificationService } from '../notifications/notification.service';
import { ParticipantRepository } from '../participants/participant.repository';
import { ResourceRepository } from '../resources/resource.repository';
import type { CreatePlacementDto, ListPlacementsQuery, TransitionDto } from './dto/placement.dto';
import { PLACEMENT_STATE_LABELS, START_BACKDATE_MAX_DAYS, TRANSITIONS } from './placement.constants';
import { PlacementFollowUp } from './placement-follow-up';
import { PlacementRepository, type Placement } from './placement.repository';
import { PlacementViews } from './placement.views';

@Injectable()
export class PlacementService {
  constructor(
    private readonly placements: PlacementRepository,
    private readonly participants: ParticipantRepository,
    private readonly resources: ResourceRepository,
    private readonly followUp: PlacementFollowUp,
    private readonly views: PlacementViews,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly notifications: NotificationService,
  ) {}

  async create(actor: Actor, dto: CreatePlacementDto) {
    const participant = await this.participants.findById(dto.participantId);
    if (!canSeeParticipant(actor, participant)) {
      throw AppException.validation('participantId', `本人（id: ${dto.participantId}）が見つかりません`);
    }
    assertReferralConsent(participant);
    const resource = await this.resources.findById(dto.resourceId);
    if (!resource) throw AppException.validation('resourceId', `資源（id: ${dto.resourceId}）が見つかりません`);
    if (resource.status !== 'open') {
      throw new AppException(ErrorCode.Conflict, `この資源は現在受付をしていません（status: ${resource.status}）。`, {
        errors: [{ field: 'resourceId', message: '受付中（open）の資源を選んでください' }],
      });
    }
    // The person's coordinator follows the placement; for an unassigned person, the coordinator who proposes it.
    const coordinatorId = participant.coordinatorId ?? defaultAssignee(actor);
    const id = await this.tx.run(async (m) => {
      const created = await this.placements.create(
        m,
        { participantId: participant.id, resourceId: resource.id, coordinatorId, note: dto.note ?? null },
        actor,
      );
      if (dto.rematchedFrom) await this.linkRematch(m, dto.rematchedFrom, participant.id, created);
      return created;
    });
    return this.get(actor, id);
  }

  /**
   * つなぎなおし: the new placement answers a closed one of the same person (outcome rematched). The link
   * is written on the closed placement (rematchedTo), once; a second new placement for it is a conflict.
   */
  private async linkRematch(manager: EntityManager, fromId: string, participantId: string, newId: string): Promise<void> {
    const previous = await this.placements.findById(fromId, manager, true);
    if (!previous || previous.participantId !== participantId) {
      throw AppException.validation('rematchedFrom', '同じ本人の終結した紹介の id を指定してください');
    }
    if (previous.state !== 'closed' || previous.outcome !== 'rematched') {
      throw AppException.validation('rematchedFrom', 'つなぎなおし元は「つなぎなおし」で終結した紹介にしてください');
    }
    if (previous.rematchedTo) {
      throw new AppException(ErrorCode.Conflict, 'この紹介はすでに別の紹介につなぎなおされています。画面を読み込みなおしてください。', {
        errors: [{ field: 'rematchedFrom', message: 'つなぎなおし先が登録済みです' }],
      });
    }
    await this.placements.linkRematch(manager, fromId, newId);
  }

  async get(actor: Actor, id: string) {
    return this.views.render(actor, await this.requireVisible(actor, id));
  }

  async list(actor: Actor, query: ListPlacementsQuery) {
    const page = await this.placements.list({
      ...query,
      organizationId: hostOrganizationFilter(actor),
      participantAreas: areaFilter(actor),
    });
    return { ...page, items: await Promise.all(page.items.map((p) => this.views.summary(actor, p))) };
  }

  async transition(actor: Actor, id: string, dto: TransitionDto) {
    await this.requireVisible(actor, id);
    const scheduled: object[] = [];
    await this.tx.run(async (manager) => {
      const current = (await this.placements.findById(id, manager, true))!;
      const allowed = TRANSITIONS[current.state];
      if (!allowed.includes(dto.to)) {
        throw new AppException(
          ErrorCode.InvalidTransition,
          `「${PLACEMENT_STATE_LABELS[current.state]}」から「${PLACEMENT_STATE_LABELS[dto.to]}」には進めません。` +
            (allowed.length ? `進める先: ${allowed.join(', ')}` : '終結した紹介は変更できません。'),
          { from: current.state, to: dto.to, allowed },
        );
      }
      if (dto.to === 'closed') return this.close(manager, actor, current, dto);
      if (dto.to === 'visit' && dto.date) checkDateOrder({ visitDate: dto.date, trialDate: current.trialDate }, 'date');
      if (dto.to === 'trial' && dto.date) checkDateOrder({ visitDate: current.visitDate, trialDate: dto.date }, 'date');
      if (dto.to === 'active') scheduled.push(...(await this.activate(manager, current, dto)));
      await this.placements.apply(manager, id, {
        state: dto.to,
        visitDate: dto.to === 'visit' ? dto.date : undefined,
        trialDate: dto.to === 'trial' ? dto.date : undefined,
        holdsVacancy: dto.to === 'active' ? true : undefined,
        setActiveAt: dto.to === 'active',
      });
      await this.placements.addEvent(
        manager,
        id,
        { fromState: current.state, toState: dto.to, outcome: null, note: dto.note ?? null },
        actor,
      );
    });
    await this.followUp.schedule(scheduled);
    return this.get(actor, id);
  }

  private async activate(manager: EntityManager, current: Placement, dto: TransitionDto): Promise<object[]> {
    const participant = (await this.participants.findById(current.participantId, manager))!;
    assertReferralConsent(participant);
    if (!(await this.placements.takeVacancy(manager, current.resourceId))) {
      throw new AppException(
        ErrorCode.NoVacancy,
        `「${current.resourceTitle}」に空きがありません。受入先と相談するか、別の資源を検討してください。`,
      );
    }
    return this.followUp.start(manager, current.id, this.startDate(current, dto.date), dto.followUp);
  }

  /**
   * The day the person started (参加・受入の開始日): today unless the coordinator records it late. Not after today, not
   * before a visit or trial already recorded, and not more than START_BACKDATE_MAX_DAYS back (most likely a typo).
   */
  private startDate(current: Placement, given: string | undefined): string {
    const today = this.clock.today();
    const date = given ?? today;
    if (date > today) {
      throw AppException.validation(
        'date',
        `開始日（${date}）は今日（${today}）以前の日付にしてください。先の予定は見学日・体験日で記録できます`,
      );
    }
    const earliest = addDays(today, -START_BACKDATE_MAX_DAYS);
    if (date < earliest) {
      throw AppException.validation(
        'date',
        `開始日（${date}）は ${START_BACKDATE_MAX_DAYS} 日前（${earliest}）から今日（${today}）までの日付にしてください`,
      );
    }
    // Also for the default (today): a start before the recorded visit means one of the two dates is wrong.
    for (const [label, recorded] of [
      ['見学日', current.visitDate],
      ['体験日', current.trialDate],
    ] as const) {
      if (recorded && date < recorded) {
        throw AppException.validation(
          'date',
          `開始日（${date}）は${label}（${recorded}）以降の日付にしてください。${label}が違っていれば先に直してください`,
        );
      }
    }
    return date;
  }

  private async close(manager: EntityManager, actor: Actor, current: Placement, dto: TransitionDto): Promise<void> {
    if (!dto.outcome)
      throw AppException.validation(
        'outcome',
        '終結（closed）には outcome（settled, withdrew, host_declined, rematched, other）が必要です',
      );
    if (dto.afterClosureContactDays !== undefined && dto.outcome !== 'settled')
      throw AppException.validation('afterClosureContactDays', 'afterClosureContactDays は outcome が settled のときだけ指定できます');
    if (dto.rematchedTo && dto.outcome !== 'rematched')
      throw AppException.validation('rematchedTo', 'rematchedTo は outcome が rematched のときだけ指定できます');
    if (dto.rematchedTo) {
      const next = await this.placements.findById(dto.rematchedTo, manager);
      if (!next || next.participantId !== current.participantId || next.id === current.id) {
        throw AppException.validation('rematchedTo', '同じ本人の別の紹介 id を指定してください');
      }
    }
    if (current.holdsVacancy) await this.placements.releaseVacancy(manager, current.resourceId);
    await this.followUp.cancelOpen(manager, current.id);
    if (dto.outcome === 'settled' && current.activeAt) await this.followUp.afterClosure(manager, current.id, dto.afterClosureContactDays);
    await this.placements.apply(manager, current.id, {
      state: 'closed',
      outcome: dto.outcome,
      rematchedTo: dto.rematchedTo,
      holdsVacancy: false,
      setClosedAt: true,
    });
    await this.placements.addEvent(
      manager,
      current.id,
      { fromState: current.state, toState: 'closed', outcome: dto.outcome, note: dto.note ?? null },
      actor,
    );
  }

  /**
   * Throws not found unless the actor may see the placement (host: own organisation's resources;
   * area-limited coordinator: people in their areas). Follow-up's routes ask this too.
   */
  async requireVisible(actor: Actor, id: string): Promise<Placement> {
    const placement = await this.placements.findById(id);
    const participant = placement && needsParticipantArea(actor) ? await this.participants.findById(placement.participantId) : null;
    if (!placement || !canSeePlacement(actor, placement, participant)) throw AppException.notFound('紹介', id);
    return placement;
  }

  /** Host self-service: the host confirms the date of a visit or a trial. */
  async confirmDates(actor: Actor, id: string, dates: { visitDate?: string; trialDate?: string }) {
    const placement = await this.requireVisible(actor, id);
    if (!['proposed', 'visit', 'trial'].includes(placement.state)) {
      throw new AppException(
        ErrorCode.Conflict,
        `見学・体験の日付は「提案・見学・体験」の段階でだけ変更できます（現在: ${PLACEMENT_STATE_LABELS[placement.state]}）。`,
      );
    }
    checkDateOrder(
      { visitDate: dates.visitDate ?? placement.visitDate, trialDate: dates.trialDate ?? placement.trialDate },
      dates.trialDate ? 'trialDate' : 'visitDate',
    );
    await this.notifications.afterNotifying(
      this.tx.run(async (m) => {
        await this.placements.setDates(m, id, dates);
        if (!isHost(actor)) return 'unchanged';
        // The host's screen promises 「コーディネーターにも伝わります」: the placement's coordinator is told (dates only).
        const participant = await this.participants.findById(placement.participantId, m);
        const changed = [
          dates.visitDate && dates.visitDate !== placement.visitDate && `見学日を ${dates.visitDate}`,
          dates.trialDate && dates.trialDate !== placement.trialDate && `体験日を ${dates.trialDate}`,
        ].filter(Boolean);
        if (!changed.length) return 'unchanged';
        const notified = await this.notifications.notify(m, {
          recipientUserId: placement.coordinatorId,
          kind: 'host_dates',
          placementId: id,
          checkpointId: null,
          message:
            `受入先（${placement.organizationName}）が、${addressOf(participant?.displayName)}（${placement.resourceTitle}）の` +
            `${changed.join('、')}にしました。`,
          dedupeKey: `${id}:dates:${dates.visitDate ?? ''}:${dates.trialDate ?? ''}:${this.clock.now().toISOString()}`,
        });
        return notified ? 'notified' : 'unchanged';
      }),
    );
    return this.get(actor, id);
  }
}

/** A visit (見学) comes before the trial (体験): the same day is fine, a trial before the visit is a slip. */
function checkDateOrder(dates: { visitDate: string | null; trialDate: string | null }, field: string): void {
  const { visitDate, trialDate } = dates;
  if (visitDate && trialDate && trialDate < visitDate) {
    throw AppException.validation(field, `体験日（${trialDate}）は見学日（${visitDate}）以降の日付にしてください`);
  }
}
