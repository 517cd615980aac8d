import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { BreakdownKind, Figure } from './report.figures';
import type { Period } from './report.period';

/** A grouped row: dim null = the total; otherwise one value of a breakdown. */
interface Row {
  dim: BreakdownKind | null;
  dim_value: string | null;
  [measure: string]: unknown;
}

const BY_AREA_AND_TYPE = `
  CASE WHEN GROUPING(r.area) = 0 THEN 'area' WHEN GROUPING(r.type) = 0 THEN 'type' END AS dim,
  CASE WHEN GROUPING(r.area) = 0 THEN r.area ELSE r.type END AS dim_value`;

/** Every figure is one SQL aggregate over [from, to) in Asia/Tokyo; nothing is counted in Node. */
@Injectable()
export class ReportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async compute(p: Period): Promise<Figure[]> {
    const parts = await Promise.all([
      this.proposed(p),
      this.transitions(p),
      this.followUp(p),
      this.participants(p),
      this.catalogue(p),
      this.searches(p),
    ]);
    return parts.flat();
  }

  private async proposed(p: Period): Promise<Figure[]> {
    const rows = await this.query(
      `SELECT ${BY_AREA_AND_TYPE}, count(*) AS total, count(DISTINCT pl.participant_id) AS people
         FROM placements pl JOIN resources r ON r.id = pl.resource_id
        WHERE pl.proposed_at >= $1 AND pl.proposed_at < $2
        GROUP BY GROUPING SETS ((), (r.area), (r.type))`,
      p,
    );
    return figures(rows, { 'placements.proposed.total': 'total', 'placements.proposed.people': 'people' });
  }

  /** Starts (参加・受入) are the matches; closures carry their outcome. */
  private async transitions(p: Period): Promise<Figure[]> {
    const rows = await this.query(
      `SELECT CASE WHEN GROUPING(r.area) = 0 THEN 'area' WHEN GROUPING(r.type) = 0 THEN 'type' WHEN GROUPING(e.outcome) = 0 THEN 'outcome'
        END AS dim,
              CASE WHEN GROUPING(r.area) = 0 THEN r.area WHEN GROUPING(r.type) = 0 THEN r.type ELSE e.outcome END AS dim_value,
              count(*) FILTER (WHERE e.to_state = 'active') AS started,
              count(DISTINCT pl.participant_id) FILTER (WHERE e.to_state = 'active') AS started_people,
              count(*) FILTER (WHERE e.to_state = 'closed') AS closed,
              count(DISTINCT pl.participant_id) FILTER (WHERE e.to_state = 'closed') AS closed_people,
              count(*) FILTER (WHERE e.to_state = 'closed' AND e.outcome = 'rematched') AS rematched,
              count(*) FILTER (WHERE e.to_state = 'closed' AND pl.active_at IS NOT NULL) AS ended,
              count(*) FILTER (WHERE e.to_state = 'closed' AND pl.active_at IS NOT NULL AND e.outcome = 'settled') AS settled
         FROM placement_events e JOIN placements pl ON pl.id = e.placement_id JOIN resources r ON r.id = pl.resource_id
        WHERE e.occurred_at >= $1 AND e.occurred_at < $2 AND e.to_state IN ('active', 'closed') AND e.from_state IS DISTINCT FROM e.to_state
        GROUP BY GROUPING SETS ((), (r.area), (r.type), (e.outcome))`,
      p,
    );
    const ordinary = rows.filter((r) => r.dim !== 'outcome');
    const byOutcome = rows.filter((r) => r.dim === 'outcome' && r.dim_value !== null);
    const out = figures(ordinary, {
      'matches.total': 'started',
      'matches.people': 'started_people',
      'placements.closed.total': 'closed',
      'placements.closed.people': 'closed_people',
      'placements.rematched': 'rematched',
      'followup.ended': 'ended',
      'followup.settled': 'settled',
    });
    const closed = out.find((f) => f.key === 'placements.closed.total')!;
    closed.breakdowns = { ...closed.breakdowns, outcome: Object.fromEntries(byOutcome.map((r) => [r.dim_value!, Number(r.closed)])) };
    const ended = out.find((f) => f.key === 'followup.ended')!.value;
    const settled = out.find((f) => f.key === 'followup.settled')!.value;
    out.push({ key: 'followup.settledRatePercent', label: '', value: ended ? Math.round((1000 * settled!) / ended) / 10 : null });
    return out;
  }

  private async followUp(p: Period): Promise<Figure[]> {
    const [active, checkins, due, overdue, afterClosure] = await Promise.all([
      this.query(
        `SELECT ${BY_AREA_AND_TYPE}, count(*) AS n FROM placements pl JOIN resources r ON r.id = pl.resource_id
          WHERE pl.active_at < $2 AND (pl.closed_at IS NULL OR pl.closed_at >= $2)
          GROUP BY GROUPING SETS ((), (r.area), (r.type))`,
        p,
      ),
      this.query(
        `SELECT ${BY_AREA_AND_TYPE}, count(*) AS n FROM checkins c JOIN placements pl ON pl.id = c.placement_id JOIN resources r
          ON r.id = pl.resource_id
          LEFT JOIN follow_up_checkpoints cp ON cp.id = c.checkpoint_id
          WHERE c.date >= $3::date AND c.date < $4::date AND cp.kind IS DISTINCT FROM 'after_closure'
          GROUP BY GROUPING SETS ((), (r.area), (r.type))`,
        p,
      ),
      this.query(
        `SELECT ${BY_AREA_AND_TYPE}, count(*) AS n FROM follow_up_checkpoints c JOIN placements pl ON pl.id = c.placement_id
          JOIN resources r ON r.id = pl.resource_id
          WHERE c.due_on >= $3::date AND c.due_on < $4::date AND c.created_at < $2 AND c.kind = 'follow_up'
          GROUP BY GROUPING SETS ((), (r.area), (r.type))`,
        p,
      ),
      // Overdue at the period's end, from timestamps only, so a later check-in does not rewrite the past.
      this.query(
        `SELECT ${BY_AREA_AND_TYPE}, count(*) AS n FROM follow_up_checkpoints c JOIN placements pl ON pl.id = c.placement_id
          JOIN resources r ON r.id = pl.resource_id
          WHERE c.overdue_at < $2 AND (c.done_at IS NULL OR c.done_at >= $2) AND (pl.closed_at IS NULL OR pl.closed_at >= $2)
            AND c.kind = 'follow_up'
          GROUP BY GROUPING SETS ((), (r.area), (r.type))`,
        p,
      ),
      // 「その後の様子確認」 after closing as 定着: its own figures, never follow-up check-ins or overdue checkpoints.
      this.query(
        `SELECT ${BY_AREA_AND_TYPE},
                count(DISTINCT c.id) FILTER (WHERE c.due_on >= $3::date AND c.due_on < $4::date AND c.created_at < $2) AS due,
                count(DISTINCT k.id) FILTER (WHERE k.date >= $3::date AND k.date < $4::date) AS done
           FROM follow_up_checkpoints c JOIN placements pl ON pl.id = c.placement_id JOIN resources r ON r.id = pl.resource_id
           LEFT JOIN checkins k ON k.checkpoint_id = c.id
          WHERE c.kind = 'after_closure'
          GROUP BY GROUPING SETS ((), (r.area), (r.type))`,
        p,
      ),
    ]);
    return [
      ...figures(active, { 'followup.activeAtEnd': 'n' }),
      ...figures(checkins, { 'followup.checkins': 'n' }),
      ...figures(due, { 'followup.checkpointsDue': 'n' }),
      ...figures(overdue, { 'followup.overdueAtEnd': 'n' }),
      ...figures(afterClosure, { 'followup.afterClosureDue': 'due', 'followup.afterClosureContacts': 'done' }),
    ];
  }

  private async participants(p: Period): Promise<Figure[]> {
    const [registered, consent] = await Promise.all([
      this.query(
        `SELECT CASE WHEN GROUPING(area) = 0 THEN 'area' WHEN GROUPING(referral_route) = 0 THEN 'referralRoute'
          WHEN GROUPING(readiness_stage) = 0 THEN 'readinessStage' END AS dim,
                CASE WHEN GROUPING(area) = 0 THEN area WHEN GROUPING(referral_route) = 0 THEN referral_route
                  ELSE COALESCE(readiness_stage, 'unknown') END AS dim_value,
                count(*) AS n
           FROM participants WHERE created_at >= $1 AND created_at < $2
          GROUP BY GROUPING SETS ((), (area), (referral_route), (readiness_stage))`,
        p,
      ),
      this.query(
        `SELECT CASE WHEN GROUPING(pa.area) = 0 THEN 'area' END AS dim, pa.area AS dim_value,
                count(DISTINCT ce.participant_id) FILTER (WHERE ce.status = 'obtained') AS obtained,
                count(DISTINCT ce.participant_id) FILTER (WHERE ce.status = 'withdrawn') AS withdrawn
           FROM consent_events ce JOIN participants pa ON pa.id = ce.participant_id
          WHERE ce.recorded_at >= $1 AND ce.recorded_at < $2 GROUP BY GROUPING SETS ((), (pa.area))`,
        p,
      ),
    ]);
    return [
      ...figures(registered, { 'participants.registered': 'n' }),
      ...figures(consent, { 'participants.consentObtained': 'obtained', 'participants.consentWithdrawn': 'withdrawn' }),
    ];
  }

  private async catalogue(p: Period): Promise<Figure[]> {
    const [open, organizations, created, stopped] = await Promise.all([
      this.query(
        `SELECT ${BY_AREA_AND_TYPE}, count(*) AS n, count(*) FILTER (WHERE r.type = 'ibasho') AS ibasho
           FROM resources r
           JOIN LATERAL (SELECT s.status FROM resource_status_events s WHERE s.resource_id = r.id AND s.occurred_at < $2
                          ORDER BY s.occurred_at DESC, s.id DESC LIMIT 1) last ON last.status = 'open'
          GROUP BY GROUPING SETS ((), (r.area), (r.type))`,
        p,
      ),
      this.query(
        `SELECT CASE WHEN GROUPING(area) = 0 THEN 'area' END AS dim, COALESCE(area, '（未設定）') AS dim_value, count(*) AS n
           FROM organizations WHERE created_at >= $1 AND created_at < $2 GROUP BY GROUPING SETS ((), (area))`,
        p,
      ),
      this.query(
        `SELECT ${BY_AREA_AND_TYPE}, count(*) AS n FROM resources r WHERE r.created_at >= $1 AND r.created_at < $2
          GROUP BY GROUPING SETS ((), (r.area), (r.type))`,
        p,
      ),
      this.query(
        `SELECT ${BY_AREA_AND_TYPE}, count(DISTINCT r.id) AS n FROM resource_status_events s JOIN resources r ON r.id = s.resource_id
          WHERE s.occurred_at >= $1 AND s.occurred_at < $2 AND s.status IN ('paused', 'closed') AND NOT s.initial
          GROUP BY GROUPING SETS ((), (r.area), (r.type))`,
        p,
      ),
    ]);
    const ibasho = figures(
      open.filter((r) => r.dim !== 'type'),
      { 'catalogue.ibashoOpenAtEnd': 'ibasho' },
    );
    return [
      ...figures(open, { 'catalogue.openAtEnd': 'n' }),
      ...ibasho,
      ...figures(organizations, { 'catalogue.newOrganizations': 'n' }),
      ...figures(created, { 'catalogue.newResources': 'n' }),
      ...figures(stopped, { 'catalogue.pausedOrClosed': 'n' }),
    ];
  }

  /**
   * Searches and unmet needs, by the areas and types the coordinator filtered on.
   * HOOK (unmet-needs register): when the `unmet_needs` table lands, count its entries by area and type here too.
   */
  private async searches(p: Period): Promise<Figure[]> {
    const [byArea, byType] = await Promise.all(
      (['areas', 'types'] as const).map((filter) =>
        this.query(
          `SELECT CASE WHEN GROUPING(f.v) = 0 THEN '${filter === 'areas' ? 'areaFilter' : 'typeFilter'}' END AS dim,
                  COALESCE(f.v, '（指定なし）') AS dim_value, count(DISTINCT s.id) AS total, count(DISTINCT s.id) FILTER (WHERE s.unmet) AS unmet
             FROM search_logs s
             LEFT JOIN LATERAL jsonb_array_elements_text(CASE WHEN jsonb_typeof(s.filters -> '${filter}') = 'array'
               THEN s.filters -> '${filter}' ELSE '[]'::jsonb END) f(v) ON true
            WHERE s.created_at >= $1 AND s.created_at < $2
            GROUP BY GROUPING SETS ((), (f.v))`,
          p,
        ),
      ),
    );
    return figures([...byArea, ...byType.filter((r) => r.dim !== null)], { 'searches.total': 'total', 'searches.unmet': 'unmet' });
  }

  /**
   * $1/$2: the period's instants; $3/$4: its Tokyo calendar dates. PostgreSQL wants exactly
   * the parameters a statement uses, so the used ones are renumbered.
   */
  private query(sql: string, p: Period): Promise<Row[]> {
    const all = [p.from, p.to, p.fromDate, p.toDate];
    const used = [...new Set([...sql.matchAll(/\$(\d)/g)].map((m) => Number(m[1])))].sort();
    const renumbered = sql.replace(/\$(\d)/g, (_, n) => `$${used.indexOf(Number(n)) + 1}`);
    return this.dataSource.query(
      renumbered,
      used.map((n) => all[n - 1]),
    );
  }

  // --- snapshots --------------------------------------------------------------

  async findSnapshot(period: string): Promise<{ figures: Figure[]; createdAt: Date; rulesVersion: number } | null> {
    const rows = await this.dataSource.query(
      `SELECT figures, created_at AS "createdAt", rules_version AS "rulesVersion" FROM report_snapshots WHERE period = $1`,
      [period],
    );
    return rows[0] ?? null;
  }

  /** Immutable: a second snapshot of the same month is ignored. */
  async saveSnapshot(period: string, figures: Figure[], rulesVersion: number): Promise<boolean> {
    const rows = await this.dataSource.query(
      `INSERT INTO report_snapshots (period, figures, rules_version) VALUES ($1, $2, $3) ON CONFLICT (period) DO NOTHING RETURNING period`,
      [period, JSON.stringify(figures), rulesVersion],
    );
    return rows.length > 0;
  }

  /** The earliest month with any data, for catching up missed snapshots. */
  async firstDataAt(): Promise<Date | null> {
    const rows = await this.dataSource.query(
      `SELECT LEAST((SELECT min(created_at) FROM organizations), (SELECT min(created_at) FROM participants)) AS first`,
    );
    return rows[0]?.first ?? null;
  }
}

/** Turns grouped rows into figures: the total row gives the value, the others the breakdowns. */
function figures(rows: Row[], measures: Record<string, string>): Figure[] {
  return Object.entries(measures).map(([key, measure]) => {
    const total = rows.find((r) => r.dim === null);
    const breakdowns: Figure['breakdowns'] = {};
    for (const row of rows) {
      if (row.dim === null) continue;
      (breakdowns[row.dim] ??= {})[row.dim_value ?? '（未設定）'] = Number(row[measure] ?? 0);
    }
    return { key, label: '', value: Number(total?.[measure] ?? 0), ...(Object.keys(breakdowns).length ? { breakdowns } : {}) };
  });
}
