import { DataSource } from 'typeorm';
import { ParticipantRepository } from '../../src/participants/participant.repository';
import type { Figure } from '../../src/reports/report.figures';
import { fiscalYearPeriod, type Period } from '../../src/reports/report.period';
import { DRILLABLE_KEYS, ReportRecordsRepository } from '../../src/reports/report-records.repository';
import { ReportService } from '../../src/reports/report.service';
import { JST, reportFixture } from '../support/report-fixture';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * The integration database is shared by every spec file, and reports.int-spec.ts counts FY2025 by hand: this file
 * writes the same fixture three years earlier (FY2022, a year no other spec writes) and changes it freely.
 */
const YEAR = '2022';
function shifted(db: DataSource): DataSource {
  const shift = (v: unknown) => (typeof v === 'string' ? v.replace(/^20(2[4-6])-/, (_, y: string) => `20${Number(y) - 3}-`) : v);
  const wrapped = Object.create(db) as DataSource;
  wrapped.query = ((sql: string, params?: unknown[]) => db.query(sql, params?.map(shift))) as DataSource['query'];
  return wrapped;
}

/**
 * Stocks at a period's end (open resources, active placements, overdue checkpoints) are counted in the 年度's grouped
 * pass from one scan (ReportRepository: open = the status event whose successor is at or after the end; active /
 * overdue bounded below by the earliest period end). Each is compared, month by month and for the year, with its
 * definition counted at that end alone: the last status event before it (ties by id), the active / overdue conditions.
 */
const ORACLE = {
  'catalogue.openAtEnd': `SELECT r.area, r.type FROM resources r
      JOIN LATERAL (SELECT s.status FROM resource_status_events s WHERE s.resource_id = r.id AND s.occurred_at < $1
                     ORDER BY s.occurred_at DESC, s.id DESC LIMIT 1) last ON last.status = 'open'`,
  'followup.activeAtEnd': `SELECT r.area, r.type FROM placements pl JOIN resources r ON r.id = pl.resource_id
      WHERE pl.active_at < $1 AND (pl.closed_at IS NULL OR pl.closed_at >= $1)`,
  'followup.overdueAtEnd': `SELECT r.area, r.type FROM follow_up_checkpoints c
      JOIN placements pl ON pl.id = c.placement_id JOIN resources r ON r.id = pl.resource_id
      WHERE c.kind = 'follow_up' AND c.overdue_at < $1 AND (c.done_at IS NULL OR c.done_at >= $1)
        AND (pl.closed_at IS NULL OR pl.closed_at >= $1)`,
} as const;

const nonZero = (b: Record<string, unknown> = {}) => Object.fromEntries(Object.entries(b).filter(([, n]) => Number(n) > 0));
function counted(figures: Figure[], key: string) {
  const f = figures.find((x) => x.key === key)!;
  return { value: f.value, area: nonZero(f.breakdowns?.area), type: nonZero(f.breakdowns?.type) };
}
const tally = (rows: Array<{ area: string | null; type: string | null }>) => {
  const count = (pick: (r: { area: string | null; type: string | null }) => string | null) =>
    rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [pick(r) ?? '（未設定）']: (acc[pick(r) ?? '（未設定）'] ?? 0) + 1 }), {});
  return { value: rows.length, area: count((r) => r.area), type: count((r) => r.type) };
};

describe('the 年度 counted in one pass: stocks at each end, and the copies of area, type and person it reads', () => {
  let t: TestApp;
  let db: DataSource;
  beforeAll(async () => {
    t = await createTestApp({ ROLE: 'api' });
    db = t.app.get(DataSource);
    await reportFixture(shifted(db));
    const org = (await db.query(`SELECT id FROM organizations WHERE created_at < '2023-01-01' ORDER BY created_at LIMIT 1`))[0]
      .id as string;
    // Two status events at the same instant (one transaction writes both): the later id is the status.
    const tie = async (first: string, second: string, at: string) => {
      const id = (
        await db.query(
          `INSERT INTO resources (organization_id, type, title, area, capacity, vacancies, created_at, status)
            VALUES ($1, 'ibasho', '同時刻の状態変更', '北部', 5, 5, $2, $3) RETURNING id`,
          [org, JST('2022-06-01T09:00:00'), second],
        )
      )[0].id as string;
      await db.query(`INSERT INTO resource_status_events (resource_id, status, initial, occurred_at) VALUES ($1, 'open', true, $2)`, [
        id,
        JST('2022-06-01T09:00:00'),
      ]);
      for (const status of [first, second])
        await db.query(`INSERT INTO resource_status_events (resource_id, status, occurred_at) VALUES ($1, $2, $3)`, [id, status, JST(at)]);
    };
    await tie('open', 'paused', '2022-08-10T12:00:00'); // paused from 10 August
    await tie('paused', 'open', '2022-09-10T12:00:00'); // paused and open again in the same instant: open
  });
  afterAll(async () => {
    // Its placements active and resources open at the end stay so in every later month: removed, so that no other
    // spec's month counts them.
    await db.query(`UPDATE placements SET rematched_to = NULL WHERE proposed_at < '2023-04-01'`);
    for (const sql of [
      `DELETE FROM placements WHERE proposed_at < '2023-04-01'`,
      `DELETE FROM resources WHERE created_at < '2023-04-01'`,
      `DELETE FROM participants WHERE created_at < '2023-04-01'`,
      `DELETE FROM organizations WHERE created_at < '2023-04-01'`,
      `DELETE FROM search_logs WHERE created_at < '2023-04-01'`,
      `DELETE FROM unmet_needs WHERE created_at < '2023-04-01'`,
    ])
      await db.query(sql);
    await t.close();
  });

  const fiscalYear = () => t.app.get(ReportService).fiscalYear(YEAR, true);

  it('counts each stock as at the end of that period alone, in every area and type cell', async () => {
    const year = await fiscalYear();
    const { total, months } = fiscalYearPeriod(YEAR);
    const oracle = async (key: keyof typeof ORACLE, p: Period) => tally(await db.query(ORACLE[key], [p.to]));
    let nonZeroPeriods = 0;
    for (const key of Object.keys(ORACLE) as Array<keyof typeof ORACLE>) {
      for (const [i, m] of months.entries()) {
        const expected = await oracle(key, m);
        if (expected.value > 0) nonZeroPeriods++;
        expect({ key, month: m.label, ...counted(year.months[i]!.figures, key) }).toEqual({ key, month: m.label, ...expected });
      }
      expect({ key, ...counted(year.total.figures, key) }).toEqual({ key, ...(await oracle(key, total)) });
    }
    expect(nonZeroPeriods).toBeGreaterThan(12); // not a comparison of empty reports
    const north = (label: string) =>
      year.months[months.findIndex((m) => m.label === label)]!.figures.find((f) => f.key === 'catalogue.openAtEnd')!.breakdowns?.area?.[
        '北部'
      ] ?? 0;
    // 北部: both open in July; from 10 August the first is paused; on 10 September the second is paused and opened
    // again in one instant, and stays open (the later event of the tie).
    expect([north('2022-07'), north('2022-08'), north('2022-09')]).toEqual([2, 1, 1]);
  });

  /** Every figure of the year, month and total, equals its records listed by the drill-down's joins, cell by cell. */
  async function expectFiguresEqualRecords() {
    const year = await fiscalYear();
    const records = t.app.get(ReportRecordsRepository);
    const { total, months } = fiscalYearPeriod(YEAR);
    const periods: Array<[Period, Figure[]]> = [
      [total, year.total.figures],
      ...months.map((m, i): [Period, Figure[]] => [m, year.months[i]!.figures]),
    ];
    for (const key of ['matches.total', 'placements.closed.total', 'followup.ended', 'followup.settled', 'followup.checkins']) {
      expect(DRILLABLE_KEYS).toContain(key);
      for (const [p, figures] of periods) {
        const listed = (await records.records(key, p, { actorAreas: null }))!;
        expect({ key, period: p.label, ...counted(figures, key) }).toEqual({ key, period: p.label, ...tally(listed) });
      }
    }
    for (const key of ['matches.people', 'placements.closed.people']) {
      const listed = (await records.records(key, total, { actorAreas: null }))!;
      expect({ key, value: year.total.figures.find((f) => f.key === key)!.value }).toEqual({
        key,
        value: new Set(listed.map((r) => r.participantId)).size,
      });
    }
  }

  /** The copies on placement_events and checkins equal their placement's and resource's current values. */
  async function expectCopiesCurrent() {
    const stale = await db.query(
      `SELECT count(*)::int AS n FROM placement_events e
         JOIN placements pl ON pl.id = e.placement_id JOIN resources r ON r.id = pl.resource_id
        WHERE (e.resource_area, e.resource_type, e.participant_id, e.placement_active_at)
              IS DISTINCT FROM (r.area, r.type, pl.participant_id, pl.active_at)
       UNION ALL
       SELECT count(*)::int FROM checkins c JOIN placements pl ON pl.id = c.placement_id JOIN resources r ON r.id = pl.resource_id
        WHERE (c.resource_area, c.resource_type) IS DISTINCT FROM (r.area, r.type)`,
    );
    expect(stale.map((r: { n: number }) => r.n)).toEqual([0, 0]);
  }

  it('keeps the copies on events and check-ins current when a resource moves, a placement starts, or a person is erased', async () => {
    await expectCopiesCurrent();
    await expectFiguresEqualRecords();
    const before = await fiscalYear();

    // The resource of most of the year's placements moves area and changes type (reports count by its current ones).
    const [{ id: resourceId, area, type }] = await db.query(
      `SELECT r.id, r.area, r.type FROM resources r JOIN placements pl ON pl.resource_id = r.id
        WHERE pl.proposed_at >= '2022-04-01' AND pl.proposed_at < '2023-04-01' GROUP BY r.id ORDER BY count(*) DESC LIMIT 1`,
    );
    await db.query(`UPDATE resources SET area = '南部', type = 'volunteer' WHERE id = $1`, [resourceId]);
    await expectCopiesCurrent();
    await expectFiguresEqualRecords();
    const moved = await fiscalYear();
    const matches = (r: typeof before) => r.total.figures.find((f) => f.key === 'matches.total')!;
    expect(matches(moved).value).toBe(matches(before).value);
    expect(matches(moved).breakdowns?.area?.['南部']).toBeGreaterThan(0);
    const cell = (f: Figure, kind: 'area' | 'type', name: string) => Number(f.breakdowns?.[kind]?.[name] ?? 0);
    expect(cell(matches(moved), 'area', area)).toBeLessThan(cell(matches(before), 'area', area));
    expect(cell(matches(moved), 'type', 'volunteer')).toBeGreaterThan(cell(matches(before), 'type', 'volunteer'));

    // A proposed placement becomes active (its active_at is written after its earlier events) and then closes.
    const [{ id: placementId }] = await db.query(
      `SELECT id FROM placements WHERE state = 'proposed' AND proposed_at >= '2022-04-01' AND proposed_at < '2023-04-01' LIMIT 1`,
    );
    await db.query(`UPDATE placements SET state = 'active', active_at = $2 WHERE id = $1`, [placementId, JST('2022-11-10T10:00:00')]);
    await db.query(
      `INSERT INTO placement_events (placement_id, from_state, to_state, actor_role, occurred_at)
        VALUES ($1, 'proposed', 'active', 'coordinator', $2)`,
      [placementId, JST('2022-11-10T10:00:00')],
    );
    await db.query(
      `INSERT INTO placement_events (placement_id, from_state, to_state, outcome, actor_role, occurred_at)
        VALUES ($1, 'active', 'closed', 'settled', 'coordinator', $2)`,
      [placementId, JST('2022-12-10T10:00:00')],
    );
    await db.query(`UPDATE placements SET state = 'closed', outcome = 'settled', closed_at = $2 WHERE id = $1`, [
      placementId,
      JST('2022-12-10T10:00:00'),
    ]);
    await db.query(
      `INSERT INTO checkins (placement_id, date, attendance, wellbeing, concern, actor_role)
        VALUES ($1, '2022-11-20', 'attended', 4, 'none', 'coordinator')`,
      [placementId],
    );
    await expectCopiesCurrent();
    await expectFiguresEqualRecords();
    const started = await fiscalYear();
    const settled = (r: typeof before) => r.total.figures.find((f) => f.key === 'followup.settled')!.value!;
    expect(settled(started)).toBe(settled(moved) + 1);

    // Erasure clears the person's free text only: every figure stays as it was.
    const [{ participant_id: personId }] = await db.query(`SELECT participant_id FROM placements WHERE id = $1`, [placementId]);
    await t.app.get(ParticipantRepository).erase(personId);
    await expectCopiesCurrent();
    expect((await fiscalYear()).total.figures).toEqual(started.total.figures);

    // Back to the resource's own area and type: nothing is left in the area it moved to.
    await db.query(`UPDATE resources SET area = $2, type = $3 WHERE id = $1`, [resourceId, area, type]);
    await expectCopiesCurrent();
    await expectFiguresEqualRecords();
    const back = matches(await fiscalYear());
    expect(back.value).toBe(matches(before).value! + 1);
    expect(cell(back, 'area', '南部')).toBe(0);
  });
});
