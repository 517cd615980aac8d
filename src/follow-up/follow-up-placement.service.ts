import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { isHost } from '../access/access.rules';
import type { Actor } from '../auth/actor';
import { AppException, ErrorCode } from '../common/app.exception';
import { addressOf } from '../common/person-name';
import { TransactionRunner } from '../database/transaction.runner';
import { NotificationService } from '../notifications/notification.service';
import { ParticipantRepository } from '../participants/participant.repository';
import { PLACEMENT_STATE_LABELS } from '../placements/placement.constants';
import { PlacementRepository } from '../placements/placement.repository';
import { PlacementService } from '../placements/placement.service';
import type { CreateCheckinDto, ExtendFollowUpDto } from './dto/follow-up.dto';
import { FollowUpRepository } from './follow-up.repository';
import { FollowUpService } from './follow-up.service';

/** Follow-up's routes on a placement: check-ins, extensions, the host's view at a checkpoint. Each answers with the placement. */
@Injectable()
export class FollowUpPlacementService {
  constructor(
    private readonly placementService: PlacementService,
    private readonly placements: PlacementRepository,
    private readonly participants: ParticipantRepository,
    private readonly followUp: FollowUpService,
    private readonly followUps: FollowUpRepository,
    private readonly notifications: NotificationService,
    private readonly tx: TransactionRunner,
  ) {}

  async checkin(actor: Actor, id: string, dto: CreateCheckinDto) {
    await this.placementService.requireVisible(actor, id);
    await this.notifications.afterNotifying(
      this.tx.run(async (manager) => {
        const placement = (await this.placements.findById(id, manager, true))!;
        // After closing as 定着, the open 「その後の様子確認」 is recorded like a check-in.
        const contact = placement.state === 'closed' ? await this.followUps.openAfterClosure(id, manager) : null;
        const forContact = contact !== null && (dto.checkpointId === undefined || dto.checkpointId === contact.id);
        if (placement.state !== 'active' && !forContact) {
          throw new AppException(
            ErrorCode.Conflict,
            `定着フォローの記録は「参加・受入」中の紹介（終結後は「その後の様子確認」）にだけ付けられます（現在: ${PLACEMENT_STATE_LABELS[placement.state]}）。`,
          );
        }
        const participant = (await this.participants.findById(placement.participantId, manager))!;
        const input = forContact ? { ...dto, checkpointId: contact.id } : dto;
        await this.followUp.recordCheckin(manager, actor, { ...placement, displayName: participant.displayName }, input);
        return dto.concern === 'urgent' ? 'notified' : 'unchanged';
      }),
    );
    return this.placementService.get(actor, id);
  }

  /** Another fixed period after the current one ends; recorded as a new plan and an event. */
  async extend(actor: Actor, id: string, dto: ExtendFollowUpDto) {
    await this.placementService.requireVisible(actor, id);
    const scheduled = await this.tx.run(async (manager) => {
      const placement = (await this.placements.findById(id, manager, true))!;
      if (placement.state !== 'active') throw new AppException(ErrorCode.Conflict, '延長できるのは「参加・受入」中の紹介だけです。');
      const plans = await this.followUps.plans(id, manager);
      const last = plans[plans.length - 1];
      const plan = this.followUp.draft(last.endsOn, dto);
      const timings = await this.followUp.savePlan(manager, id, last.sequence + 1, plan);
      const note = `フォロー期間を延長（${last.endsOn}〜${plan.endsOn}）${dto.note ? `：${dto.note}` : ''}`;
      await this.placements.addEvent(manager, id, { fromState: 'active', toState: 'active', outcome: null, note }, actor);
      return timings;
    });
    await this.followUp.schedule(scheduled);
    return this.placementService.get(actor, id);
  }

  /** Host self-service: the host's view at a follow-up checkpoint; it joins that check-in. */
  async hostFeedback(actor: Actor, id: string, checkpointId: string, feedback: string) {
    const placement = await this.placementService.requireVisible(actor, id);
    await this.notifications.afterNotifying(
      this.tx.run(async (manager) => {
        const checkpoint = await this.followUps.findCheckpoint(manager, id, checkpointId);
        if (!checkpoint) throw AppException.validation('checkpointId', 'この紹介の確認日ではありません');
        this.followUp.assertWindowOpen(checkpoint);
        await this.followUps.setHostFeedback(id, checkpointId, feedback, manager);
        if (!isHost(actor)) return 'unchanged';
        // The host's screen promises 「コーディネーターに伝わります」. The message names the checkpoint only: what the
        // host wrote may touch on health, so it stays on the placement page (as the check-in's 受入先から).
        const participant = await this.participants.findById(placement.participantId, manager);
        await this.notifications.notify(manager, {
          recipientUserId: placement.coordinatorId,
          kind: 'host_feedback',
          placementId: id,
          checkpointId,
          message:
            `受入先（${placement.organizationName}）が、${addressOf(participant?.displayName)}（${placement.resourceTitle}）の` +
            `${checkpoint.dayOffset}日目の確認日（${checkpoint.dueOn}）に様子を記録しました。紹介の画面で確認してください。`,
          dedupeKey: `${checkpointId}:host_feedback:${randomUUID()}`,
        });
        return 'notified';
      }),
    );
    return this.placementService.get(actor, id);
  }
}
