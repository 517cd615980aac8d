import { Injectable } from '@nestjs/common';
import { isHost } from '../access/access.rules';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { ParticipantRepository } from '../participants/participant.repository';
import { hostViewFields, toHostView } from '../access/consent-projection';
import { PlacementFollowUp, type FollowUpCheckpointSummary } from './placement-follow-up';
import { PLACEMENT_STATE_LABELS } from './placement.constants';
import { PlacementRepository, type Placement } from './placement.repository';

/** 「その後の様子確認」 as the API shows it (ホーム lists the open ones). */
function afterClosureView(c: FollowUpCheckpointSummary) {
  return {
    id: c.id,
    label: 'その後の様子確認',
    dueOn: c.dueOn,
    nominalDueOn: c.nominalOn,
    status: c.status,
    daysAfterClosure: c.dayOffset,
  };
}

/** Builds what each role sees of a placement. Hosts get the consent-scoped projection only. */
@Injectable()
export class PlacementViews {
  constructor(
    private readonly placements: PlacementRepository,
    private readonly participants: ParticipantRepository,
    private readonly followUp: PlacementFollowUp,
    private readonly audit: AuditService,
  ) {}

  async render(actor: Actor, p: Placement) {
    const [participant, plans, checkpoints] = await Promise.all([
      this.participants.findById(p.participantId),
      this.followUp.plans(p.id),
      this.followUp.checkpoints(p.id),
    ]);
    const followUp = plans.length
      ? {
          startsOn: plans[0].startsOn,
          endsOn: plans[plans.length - 1].endsOn,
          plans: plans.map(({ sequence, startsOn, endsOn, lengthDays, checkpointDays }) => ({
            sequence,
            startsOn,
            endsOn,
            lengthDays,
            checkpointDays,
            extension: sequence > 1,
          })),
          checkpoints: checkpoints
            .filter((c) => c.kind === 'follow_up')
            .map(({ id, dueOn, nominalOn, opensOn, status, dayOffset, isFinal }) => ({
              id,
              dueOn,
              nominalDueOn: nominalOn,
              opensOn,
              status,
              dayOffset,
              isFinal,
            })),
          // 「その後の様子確認」 after closing as 定着: recorded like a check-in, never overdue follow-up.
          afterClosureContacts: checkpoints.filter((c) => c.kind === 'after_closure').map(afterClosureView),
        }
      : null;
    if (isHost(actor)) {
      const view = participant ? toHostView(participant) : null;
      if (view) await this.audit.record(actor, 'read', [p.participantId], hostViewFields(view));
      return {
        ...this.hostBase(p),
        participant: view,
        // The host sees its own feedback back at each checkpoint (nothing of the coordinator's check-ins).
        followUp: followUp && {
          endsOn: followUp.endsOn,
          checkpoints: followUp.checkpoints.map((c, i) => ({ ...c, hostFeedback: checkpoints[i].hostFeedback ?? null })),
        },
      };
    }
    const [events, checkins, rematchedFrom] = await Promise.all([
      this.placements.events(p.id),
      this.followUp.checkins(p.id),
      this.placements.rematchedFrom(p.id),
    ]);
    await this.audit.record(actor, 'read', [p.participantId], ['displayName', 'consentStatus', 'checkins', 'events']);
    return {
      ...this.hostBase(p),
      participant: participant && { id: participant.id, displayName: participant.displayName, consentStatus: participant.consentStatus },
      coordinator: coordinatorOf(p),
      note: p.note,
      rematchedTo: p.rematchedTo,
      rematchedFrom,
      followUp,
      checkins,
      events,
    };
  }

  async summary(actor: Actor, p: Placement) {
    const participant = await this.participants.findById(p.participantId);
    if (isHost(actor)) {
      const view = participant ? toHostView(participant) : null;
      if (view) await this.audit.record(actor, 'read', [p.participantId], hostViewFields(view));
      return { ...this.hostBase(p), participant: view };
    }
    await this.audit.record(actor, 'read', [p.participantId], ['displayName']);
    const contact = p.state === 'closed' && p.outcome === 'settled' ? await this.followUp.afterClosureContact(p.id) : null;
    return {
      ...this.hostBase(p),
      participant: participant && { id: participant.id, displayName: participant.displayName },
      coordinator: coordinatorOf(p),
      afterClosureContact: contact && afterClosureView(contact),
    };
  }

  private hostBase(p: Placement) {
    return {
      id: p.id,
      state: p.state,
      stateLabel: PLACEMENT_STATE_LABELS[p.state],
      outcome: p.outcome,
      resource: { id: p.resourceId, title: p.resourceTitle, organization: { id: p.organizationId, name: p.organizationName } },
      visitDate: p.visitDate,
      trialDate: p.trialDate,
      proposedAt: p.proposedAt,
      activeAt: p.activeAt,
      closedAt: p.closedAt,
    };
  }
}

function coordinatorOf(p: Placement): { id: string; displayName: string } | null {
  return p.coordinatorId ? { id: p.coordinatorId, displayName: p.coordinatorName ?? '' } : null;
}
