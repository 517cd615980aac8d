import { DataSource } from 'typeorm';
import { Clock } from '../../src/common/clock';
import { REPORT_RULES_VERSION } from '../../src/reports/report.figures';
import { ReportService } from '../../src/reports/report.service';
import { createTestApp, type TestApp } from '../support/test-app';

const JST = (local: string) => new Date(`${local}+09:00`);
type Figure = { key: string; value: number };
const value = (figures: Figure[], key: string) => figures.find((f) => f.key === key)!.value;

/**
 * Issue 11 D.15: figures are as of the earlier of the period's end and now. June 2024 has two follow-up
 * checkpoints: due 10 June (overdue from 17 June) and due 25 June (overdue from 2 July). Organisations and
 * people are created now, so no worker snapshots these old months in other test files.
 */
describe('reports of months in progress, months not started, and snapshots under older rules', () => {
  let t: TestApp;
  let clock: jest.SpyInstance<Date, []>;
  let placement: string;
  const setNow = (instant: Date) => clock.mockReturnValue(instant);
  const monthly = (month: string, query: object = {}) => t.http().get(`/api/v1/reports/monthly/${month}`).query(query).set(t.admin);

  beforeAll(async () => {
    t = await createTestApp({ ROLE: 'api' });
    clock = jest.spyOn(t.app.get(Clock), 'now');
    const db = t.app.get(DataSource);
    const one = async (sql: string, params: unknown[] = []) => (await db.query(sql, params))[0].id as string;
    const org = await one(`INSERT INTO organizations (name, kind, area) VALUES ('集計途中テスト', 'npo', '途中') RETURNING id`);
    const resource = await one(
      `INSERT INTO resources (organization_id, type, title, area, capacity, vacancies)
       VALUES ($1, 'ibasho', '集計途中テスト', '途中', 3, 3) RETURNING id`,
      [org],
    );
    const person = await one(
      `INSERT INTO participants (display_name, area, needs) VALUES ('集計途中テスト', '途中', '（省略）') RETURNING id`,
    );
    placement = await one(
      `INSERT INTO placements (participant_id, resource_id, state, proposed_at, active_at) VALUES ($1, $2, 'active', $3, $4) RETURNING id`,
      [person, resource, JST('2024-05-20T10:00:00'), JST('2024-05-27T10:00:00')],
    );
    const plan = await one(
      `INSERT INTO follow_up_plans (placement_id, sequence, starts_on, ends_on, length_days, checkpoint_days)
       VALUES ($1, 1, '2024-05-27', '2024-08-25', 90, '{14,29}') RETURNING id`,
      [placement],
    );
    for (const [day, dueOn, overdueAt] of [
      [14, '2024-06-10', '2024-06-17T00:00:00'],
      [29, '2024-06-25', '2024-07-02T00:00:00'],
    ] as const) {
      await db.query(
        `INSERT INTO follow_up_checkpoints (placement_id, plan_id, day_offset, due_on, due_at, overdue_at, status, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'scheduled', $7)`,
        [placement, plan, day, dueOn, JST(`${dueOn}T00:00:00`), JST(overdueAt), JST('2024-05-27T10:00:00')],
      );
    }
  });
  afterAll(async () => {
    // The database is shared by the test files: a placement left active since 2024 (and its overdue checkpoint)
    // would count in every later month, e.g. in the hand-counted October 2025 of reports.int-spec.ts.
    await t.app
      .get(DataSource)
      .query(`UPDATE placements SET state = 'closed', outcome = 'other', closed_at = $1 WHERE id = $2`, [
        JST('2024-09-01T00:00:00'),
        placement,
      ]);
    clock.mockRestore();
    // The database is shared: closed in 2024, the fixture no longer counts in other files' months (reports.int-spec's October 2025).
    const db = t.app.get(DataSource);
    const closedAt = JST('2024-09-01T00:00:00');
    await db.query(`UPDATE placements SET state = 'closed', outcome = 'other', closed_at = $2 WHERE id = $1`, [placement, closedAt]);
    await db.query(`UPDATE follow_up_checkpoints SET status = 'cancelled', done_at = $2 WHERE placement_id = $1`, [placement, closedAt]);
    await t.close();
  });

  it('counts a month in progress as of now, and marks it', async () => {
    setNow(JST('2024-06-12T12:00:00'));
    const early = (await monthly('2024-06').expect(200)).body;
    expect(early.inProgress).toBe(true);
    expect(new Date(early.asOf)).toEqual(JST('2024-06-12T12:00:00'));
    expect(early.rulesVersion).toBe(REPORT_RULES_VERSION);
    expect(early.servedFromSnapshot).toBe(false);
    expect(value(early.figures, 'followup.checkpointsDue')).toBe(1);
    expect(value(early.figures, 'followup.overdueAtEnd')).toBe(0);

    setNow(JST('2024-06-20T12:00:00'));
    const later = (await monthly('2024-06').expect(200)).body;
    expect(value(later.figures, 'followup.checkpointsDue')).toBe(1);
    expect(value(later.figures, 'followup.overdueAtEnd')).toBe(1);

    setNow(JST('2024-07-05T12:00:00'));
    const ended = (await monthly('2024-06').expect(200)).body;
    expect(ended.inProgress).toBe(false);
    expect(new Date(ended.asOf)).toEqual(JST('2024-07-01T00:00:00'));
    expect(value(ended.figures, 'followup.checkpointsDue')).toBe(2);
    expect(value(ended.figures, 'followup.overdueAtEnd')).toBe(1); // the second is overdue only from 2 July
  });

  it('says 集計途中 in the CSV title and period of a month in progress', async () => {
    setNow(JST('2024-06-20T12:00:00'));
    const csv = (await monthly('2024-06', { format: 'csv' }).expect(200)).text.replace(/^\uFEFF/, '');
    const [title, header, first] = csv.split('\r\n');
    expect(title).toBe(`参加支援 月次集計 2024-06（集計途中・2024-06-20 12:00 時点）｜集計規則 第${REPORT_RULES_VERSION}版`);
    expect(header).toBe('期間,指標,内訳の種類,内訳,値');
    expect(first.startsWith('2024-06（集計途中）,')).toBe(true);
  });

  it.each([
    ['2024-07', '2024-06-20T12:00:00'],
    ['2030-01', '2024-06-20T12:00:00'],
    ['2099-12', null],
  ])('refuses month %s that has not started with a 400', async (month, now) => {
    if (now) {
      setNow(JST(now));
    } else {
      clock.mockRestore();
      clock = jest.spyOn(t.app.get(Clock), 'now');
    }
    const res = await monthly(month).expect(400);
    expect(res.body.errors[0].field).toBe('month');
  });

  it('gives null for months of the 年度 that have not started, and marks the year and month in progress', async () => {
    setNow(JST('2024-06-20T12:00:00'));
    const res = (await t.http().get('/api/v1/reports/fiscal-year/2024').set(t.admin).expect(200)).body;
    expect(res.inProgress).toBe(true);
    expect(res.months).toHaveLength(12);
    expect(res.months.slice(0, 3).map((m: { period: { month: string }; inProgress: boolean }) => [m.period.month, m.inProgress])).toEqual([
      ['2024-04', false],
      ['2024-05', false],
      ['2024-06', true],
    ]);
    expect(res.months.slice(3)).toEqual(Array(9).fill(null));
    expect(res.total.inProgress).toBe(true);
    expect(value(res.total.figures, 'followup.checkpointsDue')).toBe(1);
    expect(value(res.total.figures, 'followup.overdueAtEnd')).toBe(1);
    const csv = (await t.http().get('/api/v1/reports/fiscal-year/2024').query({ format: 'csv' }).set(t.admin).expect(200)).text;
    expect(csv).toContain('参加支援 年度集計 2024年度（集計途中・2024-06-20 12:00 時点）');
    expect(csv).toContain('\r\n2024年度 合計（集計途中）,');
    expect(csv).not.toContain('2024-07');
    await t.http().get('/api/v1/reports/fiscal-year/2025').set(t.admin).expect(400);
  });

  it('serves a snapshot made under older counting rules as it was, says so, and recomputes with live=true', async () => {
    setNow(JST('2024-06-20T12:00:00'));
    const db = t.app.get(DataSource);
    const old = [{ key: 'followup.checkpointsDue', label: '期日を迎えた確認日', value: 99 }];
    await db.query(`INSERT INTO report_snapshots (period, figures, rules_version, created_at) VALUES ('2024-04', $1, 1, $2)`, [
      JSON.stringify(old),
      JST('2024-05-01T00:10:00'),
    ]);
    const served = (await monthly('2024-04').expect(200)).body;
    expect(served).toMatchObject({ servedFromSnapshot: true, rulesVersion: 1, inProgress: false, figures: old });
    const csv = (await monthly('2024-04', { format: 'csv' }).expect(200)).text;
    expect(csv).toContain(`2024-04 はスナップショットのため第1版`);
    const live = (await monthly('2024-04', { live: 'true' }).expect(200)).body;
    expect(live).toMatchObject({ servedFromSnapshot: false, rulesVersion: REPORT_RULES_VERSION });
    expect(value(live.figures, 'followup.checkpointsDue')).toBe(0);
  });

  it('does not freeze a month in progress, and stores the rules version with a snapshot', async () => {
    const reports = t.app.get(ReportService);
    setNow(JST('2024-06-20T12:00:00'));
    expect(await reports.snapshot('2024-06')).toBe(false);
    setNow(JST('2024-07-01T00:10:00'));
    expect(await reports.snapshot('2024-06')).toBe(true);
    const [row] = await t.app.get(DataSource).query(`SELECT rules_version FROM report_snapshots WHERE period = '2024-06'`);
    expect(row.rules_version).toBe(REPORT_RULES_VERSION);
    const served = (await monthly('2024-06').expect(200)).body;
    expect(served).toMatchObject({ servedFromSnapshot: true, rulesVersion: REPORT_RULES_VERSION });
  });
});
