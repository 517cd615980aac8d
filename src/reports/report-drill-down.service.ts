import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/app.exception';
import { Clock } from '../common/clock';
import { tokyoDate } from '../common/tokyo-time';
import { FIGURE_LABELS } from './report.figures';
import { asOf, monthPeriod } from './report.period';
import { ReportRecordsRepository } from './report-records.repository';

/** Drill-down for coordinators and admins (viewers see aggregates only: @Roles on the route). */
@Injectable()
export class ReportDrillDownService {
  constructor(
    private readonly records: ReportRecordsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Drill-down: the records behind one figure (or one breakdown cell) of a month, from current data, limited to the
   * actor's areas. Participant-bearing lists are recorded in the audit log.
   */
  async figureRecords(actor: Actor, month: string, key: string, filter: { area?: string; type?: string }) {
    const period = monthPeriod(month);
    const now = this.clock.now();
    if (period.from > now) {
      throw AppException.validation('month', `${month} はまだ始まっていないため集計できません（現在 ${tokyoDate(now)}）`);
    }
    if (!FIGURE_LABELS[key]) throw AppException.validation('key', `指標「${key.slice(0, 60)}」はありません（例: matches.total）`);
    const counted = asOf(period, now);
    const records = await this.records.records(key, counted, { ...filter, actorAreas: actor.areas });
    if (records === null) throw AppException.validation('key', `「${FIGURE_LABELS[key]}」は率のため、内訳の記録はありません`);
    const people = records.map((r) => r.participantId).filter((id): id is string => id !== null);
    if (people.length) await this.audit.record(actor, 'read', people, ['displayName']);
    return {
      key,
      label: FIGURE_LABELS[key],
      month,
      area: filter.area ?? null,
      type: filter.type ?? null,
      areaLimited: actor.areas !== null,
      asOf: counted.to.toISOString(),
      records,
    };
  }
}
