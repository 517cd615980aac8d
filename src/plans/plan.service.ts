import { Injectable } from '@nestjs/common';
import { assertPlanConsent, canSeeParticipant } from '../access/access.rules';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { AppException, ErrorCode } from '../common/app.exception';
import { Clock } from '../common/clock';
import { addDays } from '../common/tokyo-time';
import { ParticipantRepository, type Participant } from '../participants/participant.repository';
import type { CreatePlanDto } from './dto/plan.dto';
import { PLAN_BACKDATE_MAX_DAYS } from './plan.constants';
import { PlanRepository, type SupportPlan } from './plan.repository';

/** What an audit entry names when plans are read or written. */
const AUDITED = ['plans'];

/**
 * 参加支援プラン: recorded by a coordinator (or an admin) for a person with consent (domain.md: a plan needs the
 * person's consent), initial (策定) or revision (見直し). Counted in the reports (プラン策定件数, docs/reports.md).
 */
@Injectable()
export class PlanService {
  constructor(
    private readonly plans: PlanRepository,
    private readonly participants: ParticipantRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, participantId: string, dto: CreatePlanDto) {
    const participant = await this.require(actor, participantId);
    assertPlanConsent(participant);
    this.checkMadeOn(dto.madeOn);
    if (dto.planKind === 'revision') {
      const first = await this.plans.firstInitialOn(participant.id);
      if (!first) throw AppException.validation('planKind', '見直しの前に、初回のプランを記録してください（初回のプランがまだありません）');
      if (dto.madeOn < first) {
        throw AppException.validation('planKind', `見直しの策定日（${dto.madeOn}）は初回のプランの策定日（${first}）以降にしてください`);
      }
    }
    const id = await this.plans.create({
      participantId: participant.id,
      madeOn: dto.madeOn,
      planKind: dto.planKind,
      // The signed-in coordinator made it; an API token without a user records the person's coordinator.
      coordinatorId: actor.userId ?? participant.coordinatorId,
      note: dto.note?.trim() || null,
    });
    await this.audit.record(actor, 'write', [participant.id], AUDITED);
    return toView((await this.plans.findById(id))!);
  }

  async list(actor: Actor, participantId: string) {
    const participant = await this.require(actor, participantId);
    const items = await this.plans.listFor(participant.id);
    await this.audit.record(actor, 'read', [participant.id], AUDITED);
    return { items: items.map(toView) };
  }

  /** Missing, erased or out of the actor's areas: the same answer (access rules), naming the person's id. */
  private async require(actor: Actor, id: string): Promise<Participant> {
    const participant = await this.participants.findById(id);
    if (!canSeeParticipant(actor, participant)) {
      throw new AppException(ErrorCode.NotFound, `本人（id: ${id}）が見つかりません。`, {
        errors: [{ field: 'participantId', message: '本人が見つかりません（記録を消去した本人にはプランを記録できません）' }],
      });
    }
    return participant;
  }

  /** 策定日: today (Tokyo) or up to PLAN_BACKDATE_MAX_DAYS back; a date in the future is a plan not made yet. */
  private checkMadeOn(madeOn: string): void {
    const today = this.clock.today();
    if (madeOn > today) {
      throw AppException.validation('madeOn', `策定日（${madeOn}）は今日（${today}）以前の日付にしてください`);
    }
    const earliest = addDays(today, -PLAN_BACKDATE_MAX_DAYS);
    if (madeOn < earliest) {
      throw AppException.validation(
        'madeOn',
        `策定日（${madeOn}）は ${PLAN_BACKDATE_MAX_DAYS} 日前（${earliest}）から今日（${today}）までの日付にしてください`,
      );
    }
  }
}

function toView(p: SupportPlan) {
  return {
    id: p.id,
    participantId: p.participantId,
    madeOn: p.madeOn,
    planKind: p.planKind,
    coordinator: p.coordinatorId ? { id: p.coordinatorId, displayName: p.coordinatorName ?? '' } : null,
    note: p.note,
    createdAt: p.createdAt,
  };
}
