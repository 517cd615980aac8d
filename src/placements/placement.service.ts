import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { AppException, ErrorCode } from '../common/app.exception';

import { addDays } from '../common/tokyo-time';
import { TransactionRunner } from '../database/transaction.runner';
import type { CreateCheckinDto, ExtendFollowUpDto } from '../follow-up/dto/follow-up.dto';
import { FollowUpRepository } from '../follow-up/follow-up.repository';
import { FollowUpService } from '../follow-up/follow-up.service';
import type { CheckpointTiming } from '../jobs/job.repository';
import { ParticipantRepository, type Participant } from '../participants/participant.repository';
import { ResourceRepository } from '../resources/resource.repository';
import type { CreatePlacementDto, ListPlacementsQuery, TransitionDto } from './dto/placement.dto';
import { PLACEMENT_STATE_LABELS, TRANSITIONS } from './placement.constants';
import { PlacementRepository, type Placement } from './placement.repository';
import { PlacementViews } from './placement.views';

@Injectable()
export class PlacementService {
  constructor(
    private readonly placements: PlacementRepository,
    private readonly participants: ParticipantRepository,
    private readonly resources: ResourceRepository,
    private readonly followUps: FollowUpRepository,
    private readonly followUp: FollowUpService,
    private readonly views: PlacementViews,
    private readonly tx: TransactionRunner,
  ) {}

  async create(actor: Actor, dto: CreatePlacementDto) {
    const participant = await this.participants.findById(dto.participantId);
    if (!participant || participant.erasedAt || (actor.areas && !actor.areas.includes(participant.area))) {
      throw AppException.validation('participantId', `本人（id: ${dto.participantId}）が見つかりません`);
    }
    assertConsent(participant);
    const resource = await this.resources.findById(dto.resourceId);
    if (!resource) throw AppException.validation('resourceId', `資源（id: ${dto.resourceId}）が見つかりません`);
    if (resource.status !== 'open') {
      throw new AppException(ErrorCode.Conflict, `この資源は現在受付をしていません（status: ${resource.status}）。`, { errors: [{ field: 'resourceId', message: '受付中（open）の資源を選んでください' }] });
    }
    const coordinatorId = actor.role === 'coordinator' ? actor.tokenId : participant.coordinatorId;
    const id = await this.tx.run((m) => this.placements.create(m, { participantId: participant.id, resourceId: resource.id, coordinatorId, note: dto.note ?? null }, actor));
    return this.get(actor, id);
  }

  async get(actor: Actor, id: string) {
    return this.views.render(actor, await this.visible(actor, id));
  }

  async list(actor: Actor, query: ListPlacementsQuery) {
    const page = await this.placements.list({ ...query, organizationId: actor.role === 'host' ? actor.organizationId! : undefined, participantAreas: actor.areas ?? undefined });
    return { ...page, items: await Promise.all(page.items.map((p) => this.views.summary(actor, p))) };
  }

  async transition(actor: Actor, id: string, dto: TransitionDto) {
    await this.visible(actor, id);
    const scheduled: CheckpointTiming[] = [];
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
      if (dto.to === 'active') scheduled.push(...(await this.activate(manager, current, dto)));
      await this.placements.apply(manager, id, {
        state: dto.to,
        visitDate: dto.to === 'visit' ? dto.date : undefined,
        trialDate: dto.to === 'trial' ? dto.date : undefined,
        holdsVacancy: dto.to === 'active' ? true : undefined,
        setActiveAt: dto.to === 'active',
      });
      await this.placements.addEvent(manager, id, { fromState: current.state, toState: dto.to, outcome: null, note: dto.note ?? null }, actor);
    });
    await this.followUp.schedule(scheduled);
    return this.get(actor, id);
  }

  async checkin(actor: Actor, id: string, dto: CreateCheckinDto) {
    await this.visible(actor, id);
    await this.followUp.afterNotifying(this.tx.run(async (manager) => {
      const placement = (await this.placements.findById(id, manager, true))!;
      if (placement.state !== 'active') {
        throw new AppException(ErrorCode.Conflict, `定着フォローの記録は「参加・受入」中の紹介にだけ付けられます（現在: ${PLACEMENT_STATE_LABELS[placement.state]}）。`);
      }
      const participant = (await this.participants.findById(placement.participantId, manager))!;
      await this.followUp.recordCheckin(manager, actor, { ...placement, displayName: participant.displayName }, dto);
      return dto.concern === 'urgent' ? 'notified' : 'unchanged';
    }));
    return this.get(actor, id);
  }

  /** Another fixed period after the current one ends; recorded as a new plan and an event. */
  async extend(actor: Actor, id: string, dto: ExtendFollowUpDto) {
    await this.visible(actor, id);
    const scheduled = await this.tx.run(async (manager) => {
      const placement = (await this.placements.findById(id, manager, true))!;
      if (placement.state !== 'active') throw new AppException(ErrorCode.Conflict, '延長できるのは「参加・受入」中の紹介だけです。');
      const plans = await this.followUps.plans(id, manager);
      const last = plans[plans.length - 1];
      const timings = await this.followUp.createPlan(manager, id, last.sequence + 1, last.endsOn, dto);
      const endsOn = addDays(last.endsOn, dto.lengthDays ?? this.followUp.defaultLengthDays);
      await this.placements.addEvent(manager, id, { fromState: 'active', toState: 'active', outcome: null, note: `フォロー期間を延長（${last.endsOn}〜${endsOn}）${dto.note ? `：${dto.note}` : ''}` }, actor);
      return timings;
    });
    await this.followUp.schedule(scheduled);
    return this.get(actor, id);
  }

  private async activate(manager: EntityManager, current: Placement, dto: TransitionDto): Promise<CheckpointTiming[]> {
    const participant = (await this.participants.findById(current.participantId, manager))!;
    assertConsent(participant);
    if (!(await this.placements.takeVacancy(manager, current.resourceId))) {
      throw new AppException(ErrorCode.NoVacancy, `「${current.resourceTitle}」に空きがありません。受入先と相談するか、別の資源を検討してください。`);
    }
    return this.followUp.createPlan(manager, current.id, 1, this.followUp.today(), dto.followUp);
  }

  private async close(manager: EntityManager, actor: Actor, current: Placement, dto: TransitionDto): Promise<void> {
    if (!dto.outcome) throw AppException.validation('outcome', '終結（closed）には outcome（settled, withdrew, host_declined, rematched, other）が必要です');
    if (dto.rematchedTo && dto.outcome !== 'rematched') throw AppException.validation('rematchedTo', 'rematchedTo は outcome が rematched のときだけ指定できます');
    if (dto.rematchedTo) {
      const next = await this.placements.findById(dto.rematchedTo, manager);
      if (!next || next.participantId !== current.participantId || next.id === current.id) {
        throw AppException.validation('rematchedTo', '同じ本人の別の紹介 id を指定してください');
      }
    }
    if (current.holdsVacancy) await this.placements.releaseVacancy(manager, current.resourceId);
    await this.followUps.cancelOpen(manager, current.id);
    await this.placements.apply(manager, current.id, { state: 'closed', outcome: dto.outcome, rematchedTo: dto.rematchedTo, holdsVacancy: false, setClosedAt: true });
    await this.placements.addEvent(manager, current.id, { fromState: current.state, toState: 'closed', outcome: dto.outcome, note: dto.note ?? null }, actor);
  }

  /** Hosts reach only placements at their own organisation's resources, area-limited coordinators only their areas' people; others look absent. */
  private async visible(actor: Actor, id: string): Promise<Placement> {
    const placement = await this.placements.findById(id);
    if (!placement || (actor.role === 'host' && placement.organizationId !== actor.organizationId)) throw AppException.notFound('紹介', id);
    if (actor.areas) {
      const participant = await this.participants.findById(placement.participantId);
      if (!participant || !actor.areas.includes(participant.area)) throw AppException.notFound('紹介', id);
    }
    return placement;
  }

  /** Host self-service: the host confirms the date of a visit or a trial. */
  async confirmDates(actor: Actor, id: string, dates: { visitDate?: string; trialDate?: string }) {
    const placement = await this.visible(actor, id);
    if (!['proposed', 'visit', 'trial'].includes(placement.state)) {
      throw new AppException(ErrorCode.Conflict, `見学・体験の日付は「提案・見学・体験」の段階でだけ変更できます（現在: ${PLACEMENT_STATE_LABELS[placement.state]}）。`);
    }
    await this.tx.run((m) => this.placements.setDates(m, id, dates));
    return this.get(actor, id);
  }

  /** Host self-service: the host's view at a follow-up checkpoint; it joins that check-in. */
  async hostFeedback(actor: Actor, id: string, checkpointId: string, feedback: string) {
    await this.visible(actor, id);
    const saved = await this.followUps.setHostFeedback(id, checkpointId, feedback);
    if (!saved) throw AppException.validation('checkpointId', 'この紹介の確認日ではありません');
    return this.get(actor, id);
  }
}

function assertConsent(p: Participant): void {
  if (p.consentStatus !== 'obtained') {
    throw new AppException(
      ErrorCode.ConsentRequired,
      p.consentStatus === 'withdrawn' ? '本人が同意を撤回しているため、紹介できません。' : '本人の同意（本人同意）が記録されていないため、受入先への紹介はできません。先に同意を記録してください。',
      { consentStatus: p.consentStatus },
    );
  }
}

