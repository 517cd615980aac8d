import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { ADDITIVE_KEYS, REPORT_RULES_VERSION, type Figure } from '../../src/reports/report.figures';
import { fiscalYearPeriod } from '../../src/reports/report.period';
import { DRILLABLE_KEYS, ReportRecordsRepository } from '../../src/reports/report-records.repository';
import { ReportService } from '../../src/reports/report.service';
import { EXPECTED, JST, reportFixture } from '../support/report-fixture';
import { createUser, signIn } from '../support/people';
import { createTestApp, type TestApp } from '../support/test-app';

/** Minimal RFC 4180 parser, enough to decode the report back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('monthly and fiscal-year reports', () => {
  let t: TestApp;
  beforeAll(async () => {
    // API only: no worker catching up snapshots while the fixture is being written.
    t = await createTestApp({ ROLE: 'api' });
    await reportFixture(t.app.get(DataSource));
  });
  afterAll(async () => t.close());

  it('counts October 2025 exactly as by hand', async () => {
    const res = await t.http().get('/api/v1/reports/monthly/2025-10').set(t.admin).expect(200);
    expect(res.body.period).toEqual({ month: '2025-10', from: '2025-10-01', to: '2025-10-31', timeZone: 'Asia/Tokyo' });
    expect(res.body.snapshotAt).toBeNull();
    const byKey = Object.fromEntries(res.body.figures.map((f: { key: string }) => [f.key, f]));
    for (const [key, expected] of Object.entries(EXPECTED)) {
      expect({ key, value: byKey[key]?.value }).toEqual({ key, value: expected.value });
      for (const [kind, values] of Object.entries(expected.breakdowns ?? {})) {
        for (const [name, n] of Object.entries(values))
          expect({ key, kind, name, n: byKey[key].breakdowns?.[kind]?.[name] ?? 0 }).toEqual({ key, kind, name, n });
      }
    }
    for (const f of res.body.figures) expect(f.label).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it('downloads a CSV that Japanese Excel opens, with the same figures', async () => {
    const res = await t
      .http()
      .get('/api/v1/reports/monthly/2025-10')
      .query({ format: 'csv' })
      .set(t.admin)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toBe('attachment; filename="sanka-shien-2025-10.csv"');
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString('utf8').slice(1));
    expect(rows[0]).toEqual([`参加支援 月次集計 2025-10｜集計規則 第${REPORT_RULES_VERSION}版`]);
    expect(rows[1]).toEqual(['期間', '指標', '内訳の種類', '内訳', '値']);
    const json = (await t.http().get('/api/v1/reports/monthly/2025-10').set(t.admin)).body;
    for (const figure of json.figures) {
      const total = rows.find((r) => r[1] === figure.label && r[2] === '合計');
      expect(Number(total![4])).toBe(figure.value);
    }
    expect(rows).toContainEqual(['2025-10', '終結（延べ）', '終結の理由', 'つなぎなおし', '1']);
    expect(rows).toContainEqual(['2025-10', 'つなぎ先（支援メニュー）の数：期末に受付中の資源', '資源の種別', '居場所', '1']);
  });

  it('freezes a month in an immutable snapshot that later edits do not change', async () => {
    const live = (await t.http().get('/api/v1/reports/monthly/2025-10').set(t.admin)).body;
    expect(await t.app.get(ReportService).snapshot('2025-10')).toBe(true);
    expect(await t.app.get(ReportService).snapshot('2025-10')).toBe(false);
    const snap = (await t.http().get('/api/v1/reports/monthly/2025-10').set(t.admin)).body;
    expect(snap.snapshotAt).not.toBeNull();
    expect(snap.figures).toEqual(live.figures);

    const db = t.app.get(DataSource);
    const [{ id }] = await db.query(`SELECT id FROM participants WHERE display_name = '報告テスト' LIMIT 1`);
    const [{ id: resourceId }] = await db.query(`SELECT id FROM resources WHERE title = '報告テスト' LIMIT 1`);
    await db.query(`INSERT INTO placements (participant_id, resource_id, proposed_at) VALUES ($1, $2, $3)`, [
      id,
      resourceId,
      JST('2025-10-15T10:00:00'),
    ]);
    const still = (await t.http().get('/api/v1/reports/monthly/2025-10').set(t.admin)).body;
    expect(still.figures).toEqual(snap.figures);
    const recomputed = (await t.http().get('/api/v1/reports/monthly/2025-10').query({ live: true }).set(t.admin)).body;
    expect(recomputed.snapshotAt).toBeNull();
    expect(recomputed.figures.find((f: { key: string }) => f.key === 'placements.proposed.total').value).toBe(5);
  });

  it('reports a fiscal year month by month and in total', async () => {
    const res = await t.http().get('/api/v1/reports/fiscal-year/2025').set(t.admin).expect(200);
    expect(res.body.months.map((m: { period: { month: string } }) => m.period.month)).toEqual([
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
    const total = Object.fromEntries(res.body.total.figures.map((f: { key: string; value: number }) => [f.key, f.value]));
    const sum = (key: string) =>
      res.body.months.reduce(
        (n: number, m: { figures: Array<{ key: string; value: number }> }) => n + m.figures.find((f) => f.key === key)!.value,
        0,
      );
    expect(total['matches.total']).toBe(sum('matches.total'));
    // 実人数 counts each person once in the year, so it is at most the sum of the months.
    expect(total['matches.people']).toBeLessThanOrEqual(sum('matches.people'));
    const csv = await t.http().get('/api/v1/reports/fiscal-year/2025').query({ format: 'csv' }).set(t.admin).expect(200);
    expect(csv.headers['content-disposition']).toContain('sanka-shien-fy2025.csv');
  });

  it('counts the 年度 in one grouped pass with exactly the figures of each month alone and of the year by its records', async () => {
    const service = t.app.get(ReportService);
    const records = t.app.get(ReportRecordsRepository);
    const year = await service.fiscalYear('2025', true);
    const { total, months } = fiscalYearPeriod('2025');
    const byKey = (figures: Figure[]) => new Map(figures.map((f) => [f.key, f]));
    // Each month of the grouped pass equals the month counted alone.
    for (const [i, m] of months.entries()) expect(year.months[i]!.figures).toEqual((await service.monthly(m.label, true)).figures);
    const yearFigures = byKey(year.total.figures);
    for (const key of DRILLABLE_KEYS) {
      // The year's figure equals its records, listed by separate SQL (docs/reports.md: the drill-down has the counting's WHERE).
      const yearRecords = (await records.records(key, total, { actorAreas: null }))!;
      expect({ key, value: yearFigures.get(key)!.value }).toEqual({ key, value: yearRecords.length });
      const monthly = await Promise.all(months.map(async (m) => (await records.records(key, m, { actorAreas: null }))!));
      if (ADDITIVE_KEYS.has(key)) {
        // 延べ: the year is the sum of its months, in total and in every area and type cell.
        const sum = (pick: (f: Figure) => number) => year.months.reduce((n, m) => n + pick(byKey(m!.figures).get(key)!), 0);
        expect({ key, value: yearFigures.get(key)!.value }).toEqual({ key, value: sum((f) => f.value ?? 0) });
        for (const kind of ['area', 'type'] as const) {
          for (const [name, n] of Object.entries(yearFigures.get(key)!.breakdowns?.[kind] ?? {}))
            expect({ key, kind, name, n }).toEqual({ key, kind, name, n: sum((f) => Number(f.breakdowns?.[kind]?.[name] ?? 0)) });
        }
      } else if (key.endsWith('.people')) {
        // 実人数: a person counted in several months counts once in the year (the union, not the sum).
        const union = new Set(monthly.flat().map((r) => r.participantId));
        expect({ key, value: yearFigures.get(key)!.value }).toEqual({ key, value: union.size });
      }
    }
    // The fixture has a person proposed in three months: the year's 実人数 is below the sum of the months.
    const proposedPeople = year.months.reduce((n, m) => n + byKey(m!.figures).get('placements.proposed.people')!.value!, 0);
    expect(yearFigures.get('placements.proposed.people')!.value).toBeLessThan(proposedPeople);
  });

  it.each(['2026-13', 'abc', '2026-1', '2026-00'])('rejects month %s with a 400', async (month) => {
    const res = await t.http().get(`/api/v1/reports/monthly/${month}`).set(t.admin).expect(400);
    expect(res.body.errors[0].field).toBe('month');
  });

  it('rejects a bad year and a bad format', async () => {
    await t.http().get('/api/v1/reports/fiscal-year/26').set(t.admin).expect(400);
    await t.http().get('/api/v1/reports/monthly/2025-10').query({ format: 'pdf' }).set(t.admin).expect(400);
    await t.http().get('/api/v1/reports/monthly/2025-10').query({ suppressBelow: 1 }).set(t.admin).expect(400);
  });

  // --- Issue 15: the workbook, drill-down, suppression ----------------------------------------------------------------

  const binary = (path: string, query: object) =>
    t
      .http()
      .get(path)
      .query(query)
      .set(t.admin)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
  const readBook = async (bytes: Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    return wb;
  };
  type JsonFigure = {
    key: string;
    label: string;
    value: number | null;
    suppressed?: boolean;
    display?: string;
    breakdowns?: Record<string, Record<string, number | { display: string }>>;
  };
  const shown = (f: JsonFigure | undefined) => (f === undefined ? '' : f.suppressed ? f.display : f.value === null ? '—' : f.value);
  const TYPE_JA: Record<string, string> = { ibasho: '居場所', work_experience: '就労体験', volunteer: 'ボランティア' };

  /** Every cell of the 地区別 / 種別別 sheets against the JSON figures. */
  function compareBreakdownSheet(ws: ExcelJS.Worksheet, figures: JsonFigure[], kind: 'area' | 'type') {
    const withKind = figures.filter((f) => f.breakdowns?.[kind] && Object.keys(f.breakdowns[kind]).length);
    const head = (ws.getRow(1).values as unknown[]).slice(2);
    expect(head).toEqual(withKind.map((f) => f.label));
    const names = [...new Set(withKind.flatMap((f) => Object.keys(f.breakdowns![kind])))].sort((a, b) => a.localeCompare(b, 'ja'));
    names.forEach((name, i) => {
      const row = ws.getRow(i + 2).values as unknown[];
      expect(row[1]).toBe(kind === 'type' ? (TYPE_JA[name] ?? name) : name);
      withKind.forEach((f, j) => {
        const v = f.breakdowns![kind][name];
        expect({ key: f.key, name, cell: row[j + 2] }).toEqual({
          key: f.key,
          name,
          cell: v === undefined ? 0 : typeof v === 'number' ? v : v.display,
        });
      });
    });
    const total = ws.getRow(names.length + 2).values as unknown[];
    expect(total[1]).toBe('合計');
    withKind.forEach((f, j) => expect({ key: f.key, cell: total[j + 2] }).toEqual({ key: f.key, cell: shown(f) }));
  }

  it('writes the month as a workbook the city office prints: every cell equals the JSON, A4 landscape, frozen headers', async () => {
    const json = (await t.http().get('/api/v1/reports/monthly/2025-10').set(t.admin).expect(200)).body;
    const res = await binary('/api/v1/reports/monthly/2025-10', { format: 'xlsx' }).expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toBe('attachment; filename="sanka-shien-2025-10.xlsx"');
    const wb = await readBook(res.body as Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['月次', '地区別', '種別別']);
    const month = wb.getWorksheet('月次')!;
    expect(month.getRow(1).values).toEqual([undefined, '指標', '2025年10月']);
    json.figures.forEach((f: JsonFigure, i: number) => {
      expect(month.getRow(i + 2).values).toEqual([undefined, f.label, shown(f)]);
    });
    expect(month.rowCount).toBe(json.figures.length + 1);
    compareBreakdownSheet(wb.getWorksheet('地区別')!, json.figures, 'area');
    compareBreakdownSheet(wb.getWorksheet('種別別')!, json.figures, 'type');
    for (const ws of wb.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, xSplit: 1 });
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1 });
      expect(ws.headerFooter.oddHeader).toMatch(
        /参加支援 月次集計 2025年10月.*2025-10-01〜2025-10-31.*出力日時 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/,
      );
      expect(ws.getColumn(1).width).toBeGreaterThan(10);
    }
    const matches = month.getRow(json.figures.findIndex((f: JsonFigure) => f.key === 'matches.total') + 2).getCell(2);
    expect(matches.numFmt).toBe('#,##0');
  });

  it('writes the 年度 as indicators × 4月〜3月 and 合計, equal to the JSON month by month', async () => {
    const json = (await t.http().get('/api/v1/reports/fiscal-year/2025').set(t.admin).expect(200)).body;
    const wb = await readBook((await binary('/api/v1/reports/fiscal-year/2025', { format: 'xlsx' }).expect(200)).body as Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['年度', '地区別', '種別別']);
    const ws = wb.getWorksheet('年度')!;
    expect(ws.getRow(1).values).toEqual([
      undefined,
      '指標',
      '4月',
      '5月',
      '6月',
      '7月',
      '8月',
      '9月',
      '10月',
      '11月',
      '12月',
      '1月',
      '2月',
      '3月',
      '合計',
    ]);
    json.total.figures.forEach((f: JsonFigure, i: number) => {
      const row = ws.getRow(i + 2).values as unknown[];
      expect(row[1]).toBe(f.label);
      json.months.forEach((m: { figures: JsonFigure[] } | null, j: number) => {
        expect({ key: f.key, j, cell: row[j + 2] ?? '' }).toEqual({
          key: f.key,
          j,
          cell: m ? shown(m.figures.find((x) => x.key === f.key)) : '',
        });
      });
      expect({ key: f.key, cell: row[14] }).toEqual({ key: f.key, cell: shown(f) });
    });
    compareBreakdownSheet(wb.getWorksheet('地区別')!, json.total.figures, 'area');
    expect(ws.headerFooter.oddHeader).toContain('2025年度');
  });

  it('shows a rate with an empty denominator as — (null in JSON), never 0 %', async () => {
    const json = (await t.http().get('/api/v1/reports/monthly/2025-08').set(t.admin).expect(200)).body;
    expect(json.figures.find((f: JsonFigure) => f.key === 'followup.settledRatePercent').value).toBeNull();
    const csv = (await t.http().get('/api/v1/reports/monthly/2025-08').query({ format: 'csv' }).set(t.admin).expect(200)).text;
    expect(csv).toContain('2025-08,定着率（%）,合計,,—');
  });

  it('neutralises a cell a spreadsheet would take for a formula', async () => {
    const db = t.app.get(DataSource);
    const [{ id: org }] = await db.query(
      `INSERT INTO organizations (name, kind, area, created_at) VALUES ('数式テスト', 'npo', '=1+1', $1) RETURNING id`,
      [JST('2025-08-10T10:00:00')],
    );
    await db.query(
      `INSERT INTO resources (organization_id, type, title, area, capacity, vacancies, created_at)
        VALUES ($1, 'ibasho', '数式', '=1+1', 1, 1, $2)`,
      [org, JST('2025-08-10T10:00:00')],
    );
    const wb = await readBook((await binary('/api/v1/reports/monthly/2025-08', { format: 'xlsx', live: true }).expect(200)).body as Buffer);
    const areas = wb.getWorksheet('地区別')!;
    const cells = (areas.getColumn(1).values as unknown[]).filter((v) => typeof v === 'string');
    expect(cells).toContain("'=1+1");
    areas.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
  });

  it('drills down to exactly the records counted, per figure and per breakdown cell', async () => {
    const live = (await t.http().get('/api/v1/reports/monthly/2025-10').query({ live: true }).set(t.admin).expect(200)).body;
    const records = (key: string, query: object = {}) =>
      t.http().get(`/api/v1/reports/monthly/2025-10/figures/${key}/records`).query(query).set(t.admin).expect(200);
    for (const f of live.figures as JsonFigure[]) {
      if (f.key === 'followup.settledRatePercent') continue;
      const body = (await records(f.key)).body;
      // searches can be filtered on several areas: the total still counts each search once
      expect({ key: f.key, n: body.records.length }).toEqual({ key: f.key, n: f.value });
      for (const kind of ['area', 'type'] as const) {
        for (const [name, n] of Object.entries(f.breakdowns?.[kind] ?? {})) {
          const cell = (await records(f.key, { [kind]: name })).body.records.length;
          expect({ key: f.key, kind, name, cell }).toEqual({ key: f.key, kind, name, cell: n });
        }
      }
    }
    const matches = (await records('matches.total')).body;
    expect(matches.label).toBe('マッチング件数：参加・受入の開始（延べ）');
    expect(matches.records[0]).toMatchObject({ kind: 'placement', participantName: '報告テスト' });
    await t.http().get('/api/v1/reports/monthly/2025-10/figures/followup.settledRatePercent/records').set(t.admin).expect(400);
    await t.http().get('/api/v1/reports/monthly/2025-10/figures/nope/records').set(t.admin).expect(400);
  });

  it('limits drill-down to the coordinator’s areas and refuses viewers', async () => {
    const east = await createUser(t, 'coordinator', { areas: ['東部'] });
    const headers = await signIn(t, east.login, east.password);
    const body = (await t.http().get('/api/v1/reports/monthly/2025-10/figures/matches.total/records').set(headers).expect(200)).body;
    expect(body.areaLimited).toBe(true);
    expect(body.records.length).toBeGreaterThan(0);
    const db = t.app.get(DataSource);
    for (const r of body.records) {
      const [p] = await db.query(`SELECT area FROM participants WHERE id = $1`, [r.participantId]);
      expect(p.area).toBe('東部');
    }
    const viewer = await createUser(t, 'viewer');
    const vh = await signIn(t, viewer.login, viewer.password);
    await t.http().get('/api/v1/reports/monthly/2025-10').set(vh).expect(200);
    await t.http().get('/api/v1/reports/monthly/2025-10/figures/matches.total/records').set(vh).expect(403);
  });

  it('counts the unmet-needs register by area and wanted type, across a month boundary, in the month, the 年度 and the CSV', async () => {
    const key = 'unmetNeeds.recorded';
    type Counted = { value: number; breakdowns?: { area?: Record<string, number>; type?: Record<string, number> } };
    const of = (figures: Array<Counted & { key: string }>) => figures.find((f) => f.key === key)!;
    const month = async (m: string) =>
      of((await t.http().get(`/api/v1/reports/monthly/${m}`).query({ live: true }).set(t.admin)).body.figures);
    // 23:59:50 JST on 30 September is September; 00:00:00 on 1 October and 23:59:59 on 31 October are October;
    // 00:00:00 on 1 November is November.
    expect(await month('2025-09')).toMatchObject({ value: 1, breakdowns: { area: { 東部: 1 }, type: { ibasho: 1 } } });
    const oct = await month('2025-10');
    expect(oct).toMatchObject({ value: 3, label: '未充足ニーズの記録（登録簿・地区と望まれた種別）' });
    expect(oct.breakdowns).toEqual({ area: { 東部: 1, 西部: 2 }, type: { ibasho: 1, work_experience: 1, '（指定なし）': 1 } });
    expect(await month('2025-11')).toMatchObject({ value: 1, breakdowns: { area: { 東部: 1 }, type: { volunteer: 1 } } });
    // Beside the searches flagged unmet, which keep their own count.
    const octFigures = (await t.http().get('/api/v1/reports/monthly/2025-10').query({ live: true }).set(t.admin)).body.figures;
    expect(octFigures.find((f: { key: string }) => f.key === 'searches.unmet').value).toBe(1);

    const fy = (await t.http().get('/api/v1/reports/fiscal-year/2025').query({ live: true }).set(t.admin).expect(200)).body;
    expect(fy.rulesVersion).toBe(REPORT_RULES_VERSION);
    expect(REPORT_RULES_VERSION).toBeGreaterThanOrEqual(5); // the register's figure came with rules version 5
    const total = of(fy.total.figures);
    expect(total.value).toBe(5);
    expect(total.breakdowns).toEqual({
      area: { 東部: 3, 西部: 2 },
      type: { ibasho: 2, work_experience: 1, volunteer: 1, '（指定なし）': 1 },
    });
    expect(fy.months.map((m: { figures: Array<Counted & { key: string }> } | null) => (m ? of(m.figures).value : null))).toEqual([
      0, 0, 0, 0, 0, 1, 3, 1, 0, 0, 0, 0,
    ]);

    const csv = (await t.http().get('/api/v1/reports/fiscal-year/2025').query({ format: 'csv', live: true }).set(t.admin).expect(200)).text;
    const rows = parseCsv(csv.replace(/^\uFEFF/, ''));
    const label = '未充足ニーズの記録（登録簿・地区と望まれた種別）';
    expect(rows).toContainEqual(['2025-10', label, '合計', '', '3']);
    expect(rows).toContainEqual(['2025-10', label, '地区', '西部', '2']);
    expect(rows).toContainEqual(['2025-10', label, '資源の種別', '就労体験', '1']);
    expect(rows).toContainEqual(['2025-10', label, '資源の種別', '（指定なし）', '1']);
    expect(rows).toContainEqual(['2025年度 合計', label, '地区', '東部', '3']);

    // Drill-down: the entries themselves (their summaries, no person), and an area-limited coordinator sees only their areas'.
    const all = (await t.http().get(`/api/v1/reports/monthly/2025-10/figures/${key}/records`).set(t.admin).expect(200)).body;
    expect(all.records.map((r: { summary: string }) => r.summary).sort()).toEqual(
      ['報告テスト：土日の居場所', '報告テスト：送迎のある活動', '報告テスト：座ってできる軽作業'].sort(),
    );
    expect(all.records.every((r: { kind: string; participantId: null }) => r.kind === 'unmet_need' && r.participantId === null)).toBe(true);
    const west = await createUser(t, 'coordinator', { areas: ['西部'] });
    const headers = await signIn(t, west.login, west.password);
    const mine = (await t.http().get(`/api/v1/reports/monthly/2025-10/figures/${key}/records`).set(headers).expect(200)).body;
    expect(mine.areaLimited).toBe(true);
    expect(mine.records.map((r: { area: string }) => r.area)).toEqual(['西部', '西部']);
  });

  it('withholds small breakdown cells as 3未満 and keeps them from being recovered from totals or other months', async () => {
    const res = (await t.http().get('/api/v1/reports/fiscal-year/2025').query({ suppressBelow: 3 }).set(t.admin).expect(200)).body;
    expect(res.suppressBelow).toBe(3);
    const oct = res.months[6].figures as JsonFigure[];
    const matches = oct.find((f) => f.key === 'matches.total')!;
    expect(matches.breakdowns!.area['西部']).toEqual({ value: null, suppressed: true, display: '3未満' });
    // Each withheld cell of a figure's line has company: never alone among the cells that add up to a shown total.
    for (const f of [...res.months.filter(Boolean).flatMap((m: { figures: JsonFigure[] }) => m.figures), ...res.total.figures]) {
      for (const values of Object.values((f as JsonFigure).breakdowns ?? {})) {
        const hidden = Object.values(values).filter((v) => typeof v !== 'number').length;
        if ((f as JsonFigure).suppressed) continue;
        expect(hidden === 0 || hidden >= 2).toBe(true);
      }
    }
    const catalogue = oct.find((f) => f.key === 'catalogue.openAtEnd')!;
    expect(catalogue.breakdowns!.area['東部']).toBe(1); // about resources, not people: not withheld
    const wb = await readBook(
      (await binary('/api/v1/reports/fiscal-year/2025', { format: 'xlsx', suppressBelow: 3 }).expect(200)).body as Buffer,
    );
    expect(wb.getWorksheet('年度')!.headerFooter.oddHeader).toContain('3未満を秘匿');
  });
});
