import { Injectable } from '@nestjs/common';
import { areaFilter } from '../access/access.rules';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { tokyoDate } from '../common/tokyo-time';
import type { DueCheckpointPageDto, DueCheckpointsQuery, NextStepPageDto, NextStepsQuery } from './dto/worklist.dto';
import { WorklistRepository } from './worklist.repository';

/** ホーム's lists, scoped to the actor's areas; each row names the person, so the read is audited. */
@Injectable()
export class WorklistService {
  constructor(
    private readonly worklist: WorklistRepository,
    private readonly audit: AuditService,
  ) {}

  async due(actor: Actor, query: DueCheckpointsQuery): Promise<DueCheckpointPageDto> {
    const today = tokyoDate();
    const page = await this.worklist.due({
      today,
      areas: areaFilter(actor),
      due: query.due ?? 'all',
      page: query.page,
      limit: query.limit,
    });
    await this.auditRead(actor, page.items);
    return {
      ...page,
      today,
      items: page.items.map(({ participantId, displayName, ...row }) => ({ ...row, participant: { id: participantId, displayName } })),
    };
  }

  async nextSteps(actor: Actor, query: NextStepsQuery): Promise<NextStepPageDto> {
    const page = await this.worklist.nextSteps({
      today: tokyoDate(),
      areas: areaFilter(actor),
      reason: query.reason,
      page: query.page,
      limit: query.limit,
    });
    await this.auditRead(actor, page.items);
    return {
      ...page,
      items: page.items.map(({ participantId, displayName, ...row }) => ({ ...row, participant: { id: participantId, displayName } })),
    };
  }

  private async auditRead(actor: Actor, rows: Array<{ participantId: string }>): Promise<void> {
    if (rows.length) await this.audit.record(actor, 'read', [...new Set(rows.map((r) => r.participantId))], ['displayName']);
  }
}
