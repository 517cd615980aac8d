import { Injectable } from '@nestjs/common';
import { isHost } from '../access/access.rules';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { ParticipantRepository } from '../participants/participant.repository';
import { hostViewFields, toHostView } from '../access/consent-projection';
import { PlacementFollowUp } from './placement-follow-up';
import { PLACEMENT_STATE_LABELS } from './placement.constants';
import { PlacementRepository, type Placement } from './placement.repository';

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
          checkpoints: checkpoints.map(({ id, dueOn, status, dayOffset, isFinal }) => ({ id, dueOn, status, dayOffset, isFinal })),
        }
      : null;
    if (isHost(actor)) {
      const view = participant ? toHostView(participant) : null;
      if (view) await this.audit.record(actor, 'read', [p.participantId], hostViewFields(view));
      return {
        ...this.hostBase(p),
        participant: view,
        followUp: followUp && { endsOn: followUp.endsOn, checkpoints: followUp.checkpoints },
      };
    }
    const [events, checkins] = await Promise.all([this.placements.events(p.id), this.followUp.checkins(p.id)]);
    await this.audit.record(actor, 'read', [p.participantId], ['displayName', 'consentStatus', 'checkins', 'events']);
    return {
      ...this.hostBase(p),
      participant: participant && { id: participant.id, displayName: participant.displayName, consentStatus: participant.consentStatus },
      coordinator: coordinatorOf(p),
      note: p.note,
      rematchedTo: p.rematchedTo,
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
    return {
      ...this.hostBase(p),
      participant: participant && { id: participant.id, displayName: participant.displayName },
      coordinator: coordinatorOf(p),
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
