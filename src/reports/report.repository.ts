import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pLimit from 'p-limit';
import { DataSource } from 'typeorm';
import type { BreakdownKind, Figure } from './report.figures';
import type { Period } from './report.period';

/** A grouped row: pi = the period's index; dim null = the period's total; otherwise one value of a breakdown. */
interface Row {
  pi: number;
  dim: BreakdownKind | null;
  dim_value: string | null;
  [measure: string]: unknown;
}

/** Rows per period index. */
type Rows = Row[][];

const BY_AREA_AND_TYPE = `pr.i AS pi,
  CASE WHEN GROUPING(r.area) = 0 THEN 'area' WHEN GROUPING(r.type) = 0 THEN 'type' END AS dim,
  CASE WHEN GROUPING(r.area) = 0 THEN r.area ELSE r.type END AS dim_value`;
const SETS_AREA_AND_TYPE = `GROUP BY GROUPING SETS ((pr.i), (pr.i, r.area), (pr.i, r.type))`;

/**
 * A row's periods by equality on its Tokyo day: `prd` is the periods' days (one row per period and day, `d`;
 * joined as `pr`), which the planner hash-joins to the rows. Joined by range (d >= pr.fd AND d < pr.td) instead, every row
 * was compared with all 13 periods of a 年度, or each period read its rows through its own index range and
 * looked up each row's placement and resource once per period (twice per row: its month and the year).
 */
/**
 * Ends a sub-select of the span's rows (joined to their placement and resource) that the planner must not merge
 * with the periods' join: merged, it pushes each period's bounds into the index scan and reads and joins the rows
 * once per period again.
 */
const ONCE = 'OFFSET 0';
const onDayOfPeriod = (date: string) => `prd pr ON pr.d = ${date}`;
/** The same for an instant: its Tokyo day, then the period's exact bounds (a period in progress ends now, mid-day). */
const inPeriod = (at: string) => `prd pr ON pr.d = (${at} AT TIME ZONE 'Asia/Tokyo')::date AND ${at} >= pr.f AND ${at} < pr.t`;

/**
 * Every figure is one SQL aggregate over [from, to) in Asia/Tokyo; nothing is counted in Node.
 * Several periods (the 年度's months and its total) are counted in one grouped pass: each statement joins the
 * periods `pr` (i, f = from, t = to, fd = fromDate, td = toDate; unnested from array parameters) and groups by
 * `pr.i` besides its breakdowns, and reads only the rows of the periods' span ($spanFrom … $spanTo). The
 * conditions per period are those of a single period, so every period's figures are the ones it has alone.
 */
/**
 * A report's ~15 statements used to be sent at once: they took 10 of the pool's 10 connections (data-source.ts),
 * every other request queued behind them, and on the one-session embedded database the statements run one at a
 * time anyway — at 1M placement events the fiscal year without statistics kept the pool busy past its 10 s
 * acquire timeout and failed (bench:reports, docs/benchmarks.md). Two at a time keeps a connection free for
 * searches and lets a PostgreSQL server overlap two statements.
 */
const REPORT_STATEMENTS_AT_ONCE = 2;
/** work_mem of a report statement (withReportMemory). */
const REPORT_WORK_MEM = '16MB';

@Injectable()
export class ReportRepository {
  /** At most REPORT_STATEMENTS_AT_ONCE of this repository's statements hold a pool connection at a time. */
  private readonly statements = pLimit(REPORT_STATEMENTS_AT_ONCE);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async compute(p: Period): Promise<Figure[]> {
    return (await this.computeMany([p]))[0];
  }

  /** The figures of each period, in the order given, from one statement per figure group for all of them. */
  async computeMany(ps: Period[]): Promise<Figure[][]> {
    if (!ps.length) return [];
    const parts = await Promise.all([
      this.proposed(ps),
      this.transitions(ps),
      this.plans(ps),
      this.followUp(ps),
      this.participants(ps),
      this.catalogue(ps),
      this.searches(ps),
    ]);
    return ps.map((_, i) => parts.flatMap((part) => part[i]));
  }

  private async proposed(ps: Period[]): Promise<Figure[][]> {
    const rows = await this.query(
      `SELECT ${BY_AREA_AND_TYPE}, count(*) AS total, count(DISTINCT r.participant_id) AS people
         FROM (SELECT pl.proposed_at, pl.participant_id, r.area, r.type FROM placements pl JOIN resources r ON r.id = pl.resource_id
                WHERE pl.proposed_at >= $spanFrom AND pl.proposed_at < $spanTo ${ONCE}) r
         JOIN ${inPeriod('r.proposed_at')}
        ${SETS_AREA_AND_TYPE}`,
      ps,
    );
    return rows.map((r) => figures(r, { 'placements.proposed.total': 'total', 'placements.proposed.people': 'people' }));
  }

  /**
   * Starts (参加・受入) are the matches; closures carry their outcome. Each event carries its placement's resource
   * area and type, person and active_at (kept by triggers, migration ReportColumns), so the year's transitions
   * are read from one partial index and their own rows, with no join to placements and resources.
   */
  private async transitions(ps: Period[]): Promise<Figure[][]> {
    const perPeriod = await this.query(
      `SELECT pr.i AS pi,
              CASE WHEN GROUPING(e.area) = 0 THEN 'area' WHEN GROUPING(e.type) = 0 THEN 'type' WHEN GROUPING(e.outcome) = 0 THEN 'outcome'
        END AS dim,
              CASE WHEN GROUPING(e.area) = 0 THEN e.area WHEN GROUPING(e.type) = 0 THEN e.type ELSE e.outcome END AS dim_value,
              count(*) FILTER (WHERE e.to_state = 'active') AS started,
              count(DISTINCT e.participant_id) FILTER (WHERE e.to_state = 'active') AS started_people,
              count(*) FILTER (WHERE e.to_state = 'closed') AS closed,
              count(DISTINCT e.participant_id) FILTER (WHERE e.to_state = 'closed') AS closed_people,
              count(*) FILTER (WHERE e.to_state = 'closed' AND e.outcome = 'rematched') AS rematched,
              count(*) FILTER (WHERE e.to_state = 'closed' AND e.active_at IS NOT NULL) AS ended,
              count(*) FILTER (WHERE e.to_state = 'closed' AND e.active_at IS NOT NULL AND e.outcome = 'settled') AS settled
         FROM (SELECT e.occurred_at, e.to_state, e.outcome, e.participant_id, e.placement_active_at AS active_at,
                      e.resource_area AS area, e.resource_type AS type
                 FROM placement_events e
                WHERE e.occurred_at >= $spanFrom AND e.occurred_at < $spanTo AND e.to_state IN ('active', 'closed')
                  AND e.from_state IS DISTINCT FROM e.to_state ${ONCE}) e
         JOIN ${inPeriod('e.occurred_at')}
        GROUP BY GROUPING SETS ((pr.i), (pr.i, e.area), (pr.i, e.type), (pr.i, e.outcome))`,
      ps,
    );
    return perPeriod.map((rows) => {
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
    });
  }

  /**
   * 参加支援のプラン策定件数: initial plans (策定) by their 策定日 (a Tokyo date) in the period, 延べ and 実人数; revisions
   * (見直し) apart. Each plan carries its person's area (kept by triggers, migration SupportPlans), so the statement
   * reads the plans alone, by the person's current area as the participant figures do.
   */
  private async plans(ps: Period[]): Promise<Figure[][]> {
    const rows = await this.query(
      `SELECT pr.i AS pi, CASE WHEN GROUPING(s.area) = 0 THEN 'area' END AS dim, s.area AS dim_value,
              count(*) FILTER (WHERE s.kind = 'initial') AS made,
              count(DISTINCT s.participant_id) FILTER (WHERE s.kind = 'initial') AS made_people,
              count(*) FILTER (WHERE s.kind = 'revision') AS revised,
              count(DISTINCT s.participant_id) FILTER (WHERE s.kind = 'revision') AS revised_people
         FROM (SELECT sp.made_on, sp.kind, sp.participant_id, sp.participant_area AS area FROM support_plans sp
                WHERE sp.made_on >= $spanFromDate::date AND sp.made_on < $spanToDate::date ${ONCE}) s
         JOIN ${onDayOfPeriod('s.made_on')}
        GROUP BY GROUPING SETS ((pr.i), (pr.i, s.area))`,
      ps,
    );
    return rows.map((r) =>
      figures(r, {
        'plans.made.total': 'made',
        'plans.made.people': 'made_people',
        'plans.revised.total': 'revised',
        'plans.revised.people': 'revised_people',
      }),
    );
  }

  private async followUp(ps: Period[]): Promise<Figure[][]> {
    const [active, checkins, due, overdue, afterClosure] = await Promise.all([
      this.query(
        // closed_at >= $spanMinTo: implied by every period's own condition (each period ends at or after it), so the
        // placements closed before all the periods end are not read and expanded 13 times to be filtered out.
        `SELECT ${BY_AREA_AND_TYPE}, count(*) AS n FROM placements pl
           JOIN pr ON pl.active_at < pr.t AND (pl.closed_at IS NULL OR pl.closed_at >= pr.t) JOIN resources r ON r.id = pl.resource_id
          WHERE pl.active_at < $spanTo AND (pl.closed_at IS NULL OR pl.closed_at >= $spanMinTo)
          ${SETS_AREA_AND_TYPE}`,
        ps,
      ),
      this.query(
        `SELECT ${BY_AREA_AND_TYPE}, count(*) AS n
           FROM (SELECT c.date, c.resource_area AS area, c.resource_type AS type FROM checkins c
                  WHERE c.date >= $spanFromDate::date AND c.date < $spanToDate::date
                    AND NOT EXISTS (SELECT FROM follow_up_checkpoints cp WHERE cp.id = c.checkpoint_id AND cp.kind = 'after_closure')
                  ${ONCE}) r
           JOIN ${onDayOfPeriod('r.date')}
          ${SETS_AREA_AND_TYPE}`,
        ps,
      ),
      this.query(
        `SELECT ${BY_AREA_AND_TYPE}, count(*) AS n
           FROM (SELECT c.due_on, c.created_at, r.area, r.type FROM follow_up_checkpoints c
                   JOIN placements pl ON pl.id = c.placement_id JOIN resources r ON r.id = pl.resource_id
                  WHERE c.due_on >= $spanFromDate::date AND c.due_on < $spanToDate::date AND c.kind = 'follow_up' ${ONCE}) r
           JOIN ${onDayOfPeriod('r.due_on')} AND r.created_at < pr.t
          ${SETS_AREA_AND_TYPE}`,
        ps,
      ),
      // Overdue at the period's end, from timestamps only, so a later check-in does not rewrite the past.
      this.query(
        // done_at / closed_at >= $spanMinTo: implied by every period's condition; without them each period re-read every
        // checkpoint ever overdue (~100,000 at 1M placement events) to keep the few still open at its end.
        `SELECT ${BY_AREA_AND_TYPE}, count(*) AS n
           FROM (SELECT c.overdue_at, c.done_at, pl.closed_at, r.area, r.type FROM follow_up_checkpoints c
                   JOIN placements pl ON pl.id = c.placement_id JOIN resources r ON r.id = pl.resource_id
                  WHERE c.overdue_at < $spanTo AND c.kind = 'follow_up' AND (c.done_at IS NULL OR c.done_at >= $spanMinTo)
                    AND (pl.closed_at IS NULL OR pl.closed_at >= $spanMinTo) ${ONCE}) r
           JOIN pr ON r.overdue_at < pr.t AND (r.done_at IS NULL OR r.done_at >= pr.t) AND (r.closed_at IS NULL OR r.closed_at >= pr.t)
          ${SETS_AREA_AND_TYPE}`,
        ps,
      ),
      // 「その後の様子確認」 after closing as 定着: its own figures, never follow-up check-ins or overdue checkpoints.
      this.query(
        `SELECT ${BY_AREA_AND_TYPE},
                count(DISTINCT c.id) FILTER (WHERE c.due_on >= pr.fd AND c.due_on < pr.td AND c.created_at < pr.t) AS due,
                count(DISTINCT k.id) FILTER (WHERE k.date >= pr.fd AND k.date < pr.td) AS done
           FROM follow_up_checkpoints c CROSS JOIN pr JOIN placements pl ON pl.id = c.placement_id JOIN resources r ON r.id = pl.resource_id
           LEFT JOIN checkins k ON k.checkpoint_id = c.id
          WHERE c.kind = 'after_closure'
          ${SETS_AREA_AND_TYPE}`,
        ps,
      ),
    ]);
    return ps.map((_, i) => [
      ...figures(active[i], { 'followup.activeAtEnd': 'n' }),
      ...figures(checkins[i], { 'followup.checkins': 'n' }),
      ...figures(due[i], { 'followup.checkpointsDue': 'n' }),
      ...figures(overdue[i], { 'followup.overdueAtEnd': 'n' }),
      ...figures(afterClosure[i], { 'followup.afterClosureDue': 'due', 'followup.afterClosureContacts': 'done' }),
    ]);
  }

  private async participants(ps: Period[]): Promise<Figure[][]> {
    const [registered, consent] = await Promise.all([
      this.query(
        `SELECT pr.i AS pi, CASE WHEN GROUPING(pa.area) = 0 THEN 'area' WHEN GROUPING(pa.referral_route) = 0 THEN 'referralRoute'
          WHEN GROUPING(pa.readiness_stage) = 0 THEN 'readinessStage' END AS dim,
                CASE WHEN GROUPING(pa.area) = 0 THEN pa.area WHEN GROUPING(pa.referral_route) = 0 THEN pa.referral_route
                  ELSE COALESCE(pa.readiness_stage, 'unknown') END AS dim_value,
                count(*) AS n
           FROM participants pa JOIN pr ON pa.created_at >= pr.f AND pa.created_at < pr.t
          WHERE pa.created_at >= $spanFrom AND pa.created_at < $spanTo
          GROUP BY GROUPING SETS ((pr.i), (pr.i, pa.area), (pr.i, pa.referral_route), (pr.i, pa.readiness_stage))`,
        ps,
      ),
      this.query(
        `SELECT pr.i AS pi, CASE WHEN GROUPING(pa.area) = 0 THEN 'area' END AS dim, pa.area AS dim_value,
                count(DISTINCT ce.participant_id) FILTER (WHERE ce.status = 'obtained') AS obtained,
                count(DISTINCT ce.participant_id) FILTER (WHERE ce.status = 'withdrawn') AS withdrawn
           FROM consent_events ce JOIN pr ON ce.recorded_at >= pr.f AND ce.recorded_at < pr.t
           JOIN participants pa ON pa.id = ce.participant_id
          WHERE ce.recorded_at >= $spanFrom AND ce.recorded_at < $spanTo GROUP BY GROUPING SETS ((pr.i), (pr.i, pa.area))`,
        ps,
      ),
    ]);
    return ps.map((_, i) => [
      ...figures(registered[i], { 'participants.registered': 'n' }),
      ...figures(consent[i], { 'participants.consentObtained': 'obtained', 'participants.consentWithdrawn': 'withdrawn' }),
    ]);
  }

  private async catalogue(ps: Period[]): Promise<Figure[][]> {
    const [open, organizations, created, stopped] = await Promise.all([
      this.query(
        // A resource's status at a period's end is its last status event before it (latest occurred_at, then id):
        // the one event with occurred_at < t whose successor (next_at) is at or after t. One pass over the events
        // instead of a look-up per resource and period (3,000 × 13 at a 年度).
        `SELECT ${BY_AREA_AND_TYPE}, count(*) AS n, count(*) FILTER (WHERE r.type = 'ibasho') AS ibasho
           FROM (SELECT s.resource_id, s.status, s.occurred_at,
                        lead(s.occurred_at) OVER (PARTITION BY s.resource_id ORDER BY s.occurred_at, s.id) AS next_at
                   FROM resource_status_events s WHERE s.occurred_at < $spanTo) s
           JOIN pr ON s.occurred_at < pr.t AND (s.next_at IS NULL OR s.next_at >= pr.t)
           JOIN resources r ON r.id = s.resource_id
          WHERE s.status = 'open'
          ${SETS_AREA_AND_TYPE}`,
        ps,
      ),
      this.query(
        `SELECT pr.i AS pi, CASE WHEN GROUPING(o.area) = 0 THEN 'area' END AS dim, COALESCE(o.area, '（未設定）') AS dim_value, count(*) AS n
           FROM organizations o JOIN pr ON o.created_at >= pr.f AND o.created_at < pr.t
          WHERE o.created_at >= $spanFrom AND o.created_at < $spanTo AND o.developed -- 開拓 only: not a list brought in (import)
          GROUP BY GROUPING SETS ((pr.i), (pr.i, o.area))`,
        ps,
      ),
      this.query(
        `SELECT ${BY_AREA_AND_TYPE}, count(*) AS n FROM resources r JOIN pr ON r.created_at >= pr.f AND r.created_at < pr.t
          WHERE r.created_at >= $spanFrom AND r.created_at < $spanTo AND r.developed -- 開拓 only: not a list brought in (import)
          ${SETS_AREA_AND_TYPE}`,
        ps,
      ),
      this.query(
        `SELECT ${BY_AREA_AND_TYPE}, count(DISTINCT r.id) AS n FROM resource_status_events s
           JOIN pr ON s.occurred_at >= pr.f AND s.occurred_at < pr.t JOIN resources r ON r.id = s.resource_id
          WHERE s.occurred_at >= $spanFrom AND s.occurred_at < $spanTo AND s.status IN ('paused', 'closed') AND NOT s.initial
          ${SETS_AREA_AND_TYPE}`,
        ps,
      ),
    ]);
    return ps.map((_, i) => [
      ...figures(open[i], { 'catalogue.openAtEnd': 'n' }),
      ...figures(
        open[i].filter((r) => r.dim !== 'type'),
        { 'catalogue.ibashoOpenAtEnd': 'ibasho' },
      ),
      ...figures(organizations[i], { 'catalogue.newOrganizations': 'n' }),
      ...figures(created[i], { 'catalogue.newResources': 'n' }),
      ...figures(stopped[i], { 'catalogue.pausedOrClosed': 'n' }),
    ]);
  }

  /**
   * Searches and unmet needs: searches by the areas and types the coordinator filtered on (those whose best score was
   * below the threshold are `searches.unmet`), and the unmet-needs register's entries (`unmet_needs`, recorded by a
   * coordinator from the search screen) by their area and wanted type (「（指定なし）」 when none was chosen).
   */
  private async searches(ps: Period[]): Promise<Figure[][]> {
    const [byArea, byType, register] = await Promise.all([
      ...(['areas', 'types'] as const).map((filter) =>
        this.query(
          `SELECT pr.i AS pi, CASE WHEN GROUPING(f.v) = 0 THEN '${filter === 'areas' ? 'areaFilter' : 'typeFilter'}' END AS dim,
                  COALESCE(f.v, '（指定なし）') AS dim_value, count(DISTINCT s.id) AS total, count(DISTINCT s.id) FILTER (WHERE s.unmet) AS unmet
             FROM search_logs s JOIN pr ON s.created_at >= pr.f AND s.created_at < pr.t
             LEFT JOIN LATERAL jsonb_array_elements_text(CASE WHEN jsonb_typeof(s.filters -> '${filter}') = 'array'
               THEN s.filters -> '${filter}' ELSE '[]'::jsonb END) f(v) ON true
            WHERE s.created_at >= $spanFrom AND s.created_at < $spanTo
            GROUP BY GROUPING SETS ((pr.i), (pr.i, f.v))`,
          ps,
        ),
      ),
      this.query(
        `SELECT ${BY_AREA_AND_TYPE}, count(*) AS n
           FROM (SELECT n.created_at, n.area, COALESCE(n.resource_type, '（指定なし）') AS type FROM unmet_needs n
                  WHERE n.created_at >= $spanFrom AND n.created_at < $spanTo ${ONCE}) r
           JOIN ${inPeriod('r.created_at')}
          ${SETS_AREA_AND_TYPE}`,
        ps,
      ),
    ]);
    return ps.map((_, i) => [
      ...figures([...byArea[i], ...byType[i].filter((r) => r.dim !== null)], { 'searches.total': 'total', 'searches.unmet': 'unmet' }),
      ...figures(register[i], { 'unmetNeeds.recorded': 'n' }),
    ]);
  }

  /**
   * Runs a statement over the periods `pr` and splits its rows by period. `$spanFrom`/`$spanTo` are the earliest
   * start and latest end of the periods (instants), `$spanFromDate`/`$spanToDate` the same as Tokyo calendar dates.
   */
  private async query(sql: string, ps: Period[]): Promise<Rows> {
    const span = {
      spanFrom: new Date(Math.min(...ps.map((p) => p.from.getTime()))),
      spanTo: new Date(Math.max(...ps.map((p) => p.to.getTime()))),
      spanFromDate: ps.map((p) => p.fromDate).reduce((a, b) => (a < b ? a : b)),
      spanToDate: ps.map((p) => p.toDate).reduce((a, b) => (a > b ? a : b)),
      spanMinTo: new Date(Math.min(...ps.map((p) => p.to.getTime()))),
    };
    const params: unknown[] = [
      ps.map((_, i) => i),
      ps.map((p) => p.from),
      ps.map((p) => p.to),
      ps.map((p) => p.fromDate),
      ps.map((p) => p.toDate),
    ];
    const body = sql.replace(/\$(spanFromDate|spanToDate|spanFrom|spanMinTo|spanTo)\b/g, (_, name: keyof typeof span) => {
      params.push(span[name]);
      return `$${params.length}`;
    });
    const rows: Row[] = await this.statements(() =>
      this.withReportMemory((run) =>
        run(
          `WITH pr(i, f, t, fd, td) AS (SELECT * FROM unnest($1::int[], $2::timestamptz[], $3::timestamptz[], $4::date[], $5::date[])),
          prd AS (SELECT pr.*, d::date AS d FROM pr
                   CROSS JOIN generate_series(pr.fd::timestamp, pr.td::timestamp - interval '1 day', interval '1 day') d)
       ${body}`,
          params,
        ),
      ),
    );
    const out: Rows = ps.map(() => []);
    for (const row of rows) out[Number(row.pi)].push(row);
    return out;
  }

  /**
   * Runs a statement with REPORT_WORK_MEM (SET LOCAL: this transaction only). At PostgreSQL's default 4MB the year's
   * grouped sorts (count(DISTINCT …) by grouping sets over ~100,000 rows) and the hash of the placements spilled to
   * temporary files (EXPLAIN: "external merge", "Batches: 2"). The embedded database runs one statement at a time,
   * so the larger limit is held by one report statement at a time, not by every connection at once.
   */
  private withReportMemory<T>(body: (run: (sql: string, params: unknown[]) => Promise<T>) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (m) => {
      await m.query(`SET LOCAL work_mem = '${REPORT_WORK_MEM}'`);
      return body((sql, params) => m.query(sql, params));
    });
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
      `SELECT LEAST((SELECT min(created_at) FROM organizations), (SELECT min(created_at) FROM participants),
                    (SELECT min(created_at) FROM unmet_needs)) AS first`,
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
