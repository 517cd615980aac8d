import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { Clock } from '../../src/common/clock';
import { REPORT_RULES_VERSION, type Figure } from '../../src/reports/report.figures';
import { monthPeriod } from '../../src/reports/report.period';
import { ReportRecordsRepository } from '../../src/reports/report-records.repository';
import { createParticipant, createUser, giveConsent, signIn } from '../support/people';
import { createTestApp, uniqueArea, type TestApp } from '../support/test-app';

/**
 * 参加支援プラン (docs/reports.md, プラン策定件数): recorded through the API around the turn of a month, refused without
 * consent, for an erased person, in the future or more than 90 days back; counted by 策定日 in the month and the
 * 年度 (延べ = initial plans, 実人数 = people with one; 見直し apart), by area; erasure keeps the counts, drops the note.
 * The clock is set in 2031 so that no other spec's data falls in these months.
 */
const NOW = new Date('2031-02-10T12:00:00+09:00');
const KEYS = ['plans.made.total', 'plans.made.people', 'plans.revised.total', 'plans.revised.people'];

describe('support plans and the プラン策定件数', () => {
  let t: TestApp;
  let db: DataSource;
  const area = uniqueArea('プラン');
  const people: Record<'p1' | 'p2' | 'p3', string> = { p1: '', p2: '', p3: '' };

  const record = (id: string, body: object, headers: Record<string, string> = t.admin) =>
    t.http().post(`/api/v1/participants/${id}/plans`).set(headers).send(body);
  const byKey = (figures: Figure[]) => new Map(figures.map((f) => [f.key, f]));
  const inArea = (figures: Figure[], key: string) => Number(byKey(figures).get(key)?.breakdowns?.area?.[area] ?? 0);

  beforeAll(async () => {
    t = await createTestApp({ ROLE: 'api' });
    db = t.app.get(DataSource);
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(NOW));
    for (const key of Object.keys(people) as Array<keyof typeof people>) {
      people[key] = (await createParticipant(t, { displayName: `プラン${key}`, area })).id;
      await giveConsent(t, people[key]);
    }
  });
  afterAll(async () => t.close());

  it('records initial plans and revisions across the turn of the month, and lists them newest first', async () => {
    const made: Array<[keyof typeof people, string, 'initial' | 'revision', string?]> = [
      ['p3', '2030-12-01', 'initial'],
      ['p1', '2030-12-31', 'initial', '初回。まずは週1回の居場所から'],
      ['p1', '2031-01-01', 'revision'],
      ['p3', '2031-01-10', 'revision'],
      ['p2', '2031-01-05', 'initial'],
      ['p1', '2031-01-20', 'revision', '体験のあと見直し'],
      // A second initial plan of the same person (support ended and began again): two in 延べ, one in 実人数.
      ['p2', '2031-01-25', 'initial'],
    ];
    for (const [who, madeOn, planKind, note] of made) {
      const res = await record(people[who], { madeOn, planKind, ...(note ? { note } : {}) });
      expect({ who, madeOn, status: res.status }).toEqual({ who, madeOn, status: 201 });
      expect(res.body).toMatchObject({ participantId: people[who], madeOn, planKind, note: note ?? null });
    }
    const list = await t.http().get(`/api/v1/participants/${people.p1}/plans`).set(t.admin).expect(200);
    expect(list.body.items.map((p: { madeOn: string; planKind: string }) => [p.madeOn, p.planKind])).toEqual([
      ['2031-01-20', 'revision'],
      ['2031-01-01', 'revision'],
      ['2030-12-31', 'initial'],
    ]);
    // The list is a read of the person's record: audited.
    const audited = await db.query(`SELECT action FROM audit_log WHERE participant_id = $1 AND fields @> ARRAY['plans'] ORDER BY at`, [
      people.p1,
    ]);
    expect(audited.map((a: { action: string }) => a.action)).toEqual(['write', 'write', 'write', 'read']);
  });

  it('refuses a plan without consent, a revision without an initial plan, and a 策定日 in the future or over 90 days back', async () => {
    const none = (await createParticipant(t, { displayName: 'プラン同意なし', area })).id;
    const noConsent = await record(none, { madeOn: '2031-02-10', planKind: 'initial' }).expect(409);
    expect(noConsent.body.code).toBe('CONSENT_REQUIRED');
    expect(noConsent.body.message).toContain('同意');
    expect(noConsent.body.errors[0].field).toBe('consentStatus');

    await t
      .http()
      .put(`/api/v1/participants/${none}/consent`)
      .set(t.admin)
      .send({ status: 'withdrawn', method: '電話', scope: [] })
      .expect(200);
    const withdrawn = await record(none, { madeOn: '2031-02-10', planKind: 'initial' }).expect(409);
    expect(withdrawn.body.message).toContain('撤回');

    const future = await record(people.p3, { madeOn: '2031-02-11', planKind: 'revision' }).expect(400);
    expect(future.body.errors[0]).toMatchObject({ field: 'madeOn' });
    expect(future.body.errors[0].message).toContain('今日（2031-02-10）以前');
    const old = await record(people.p3, { madeOn: '2030-11-11', planKind: 'revision' }).expect(400);
    expect(old.body.errors[0].field).toBe('madeOn');
    expect(old.body.errors[0].message).toContain('90 日前（2030-11-12）');

    const fresh = (await createParticipant(t, { displayName: 'プラン初回なし', area })).id;
    await giveConsent(t, fresh);
    const revision = await record(fresh, { madeOn: '2031-02-01', planKind: 'revision' }).expect(400);
    expect(revision.body.errors[0]).toMatchObject({ field: 'planKind' });
    expect(revision.body.errors[0].message).toContain('初回のプラン');
    const before = await record(people.p2, { madeOn: '2031-01-04', planKind: 'revision' }).expect(400);
    expect(before.body.errors[0].message).toContain('2031-01-05');

    const bad = await record(fresh, { madeOn: '2031-02-30', planKind: 'again', note: 'x'.repeat(201) }).expect(400);
    const fields = bad.body.errors.map((e: { field: string; message: string }) => [e.field, e.message]);
    expect(fields).toEqual(
      expect.arrayContaining([
        ['madeOn', expect.stringContaining('策定日')],
        ['planKind', expect.stringContaining('プランの種類')],
        ['note', expect.stringContaining('200 文字以内')],
      ]),
    );
    expect((await db.query(`SELECT count(*)::int AS n FROM support_plans WHERE participant_id = ANY($1)`, [[none, fresh]]))[0].n).toBe(0);
  });

  it('lets a coordinator record plans only for people of their areas', async () => {
    const elsewhere = await createUser(t, 'coordinator', { areas: [uniqueArea('よそ')] });
    const outside = await signIn(t, elsewhere.login, elsewhere.password);
    const res = await record(people.p1, { madeOn: '2031-02-10', planKind: 'revision' }, outside).expect(404);
    expect(res.body.errors[0].field).toBe('participantId');
    await t.http().get(`/api/v1/participants/${people.p1}/plans`).set(outside).expect(404);

    const own = await createUser(t, 'coordinator', { areas: [area] });
    const inside = await signIn(t, own.login, own.password);
    const made = await record(people.p3, { madeOn: '2031-02-03', planKind: 'revision' }, inside).expect(201);
    expect(made.body.coordinator).toMatchObject({ id: own.id });
  });

  it('counts plans by 策定日 in the month and the 年度: 延べ, 実人数, 見直し apart, by area; the 年度 延べ is the sum of the months', async () => {
    const month = async (m: string) => (await t.http().get(`/api/v1/reports/monthly/${m}`).set(t.admin).expect(200)).body;
    const december = await month('2030-12');
    const january = await month('2031-01');
    const february = await month('2031-02'); // in progress
    expect(february.inProgress).toBe(true);
    expect(december.rulesVersion).toBe(REPORT_RULES_VERSION);
    expect(KEYS.map((k) => inArea(december.figures, k))).toEqual([2, 2, 0, 0]);
    expect(KEYS.map((k) => inArea(january.figures, k))).toEqual([2, 1, 3, 2]);
    expect(KEYS.map((k) => inArea(february.figures, k))).toEqual([0, 0, 1, 1]);
    for (const f of december.figures.filter((f: Figure) => KEYS.includes(f.key))) expect(f.label).toMatch(/プラン/);

    const fy = (await t.http().get('/api/v1/reports/fiscal-year/2030').set(t.admin).expect(200)).body;
    const total = fy.total.figures as Figure[];
    expect(KEYS.map((k) => inArea(total, k))).toEqual([4, 3, 4, 2]);
    const started = (fy.months as Array<{ figures: Figure[] } | null>).filter((m): m is { figures: Figure[] } => m !== null);
    for (const key of ['plans.made.total', 'plans.revised.total']) {
      const sum = started.reduce((n, m) => n + byKey(m.figures).get(key)!.value!, 0);
      expect({ key, year: byKey(total).get(key)!.value }).toEqual({ key, year: sum });
      expect({ key, area: inArea(total, key) }).toEqual({ key, area: started.reduce((n, m) => n + inArea(m.figures, key), 0) });
    }
    // 実人数: a person with revisions in January and February counts once in the year.
    const peopleSum = started.reduce((n, m) => n + inArea(m.figures, 'plans.revised.people'), 0);
    expect([inArea(total, 'plans.revised.people'), peopleSum]).toEqual([2, 3]);

    // The drill-down lists exactly the records behind each figure and area cell (one row per person for 実人数).
    const records = t.app.get(ReportRecordsRepository);
    for (const key of KEYS) {
      const listed = await records.records(key, monthPeriod('2031-01'), { area, actorAreas: null });
      expect({ key, n: listed!.length }).toEqual({ key, n: inArea(january.figures, key) });
      expect(listed!.every((r) => r.kind === 'plan' && r.area === area)).toBe(true);
    }

    // CSV: the same numbers under the Japanese labels.
    const csv = (await t.http().get('/api/v1/reports/monthly/2031-01').query({ format: 'csv' }).set(t.admin).expect(200)).text;
    expect(csv).toContain(`2031-01,参加支援のプラン策定件数（延べ）,地区,${area},2`);
    expect(csv).toContain(`2031-01,参加支援のプラン策定件数（実人数）,地区,${area},1`);
    expect(csv).toContain(`2031-01,参加支援プランの見直し（延べ）,地区,${area},3`);
  });

  it('keeps the counts and drops the note when the person is erased; moves the counts with the person’s area', async () => {
    const before = (await t.http().get('/api/v1/reports/monthly/2030-12').set(t.admin).expect(200)).body.figures;
    await t.http().delete(`/api/v1/participants/${people.p1}`).set(t.admin).expect(204);
    const notes = await db.query(`SELECT note FROM support_plans WHERE participant_id = $1`, [people.p1]);
    expect(notes).toHaveLength(3);
    expect(notes.every((n: { note: string | null }) => n.note === null)).toBe(true);
    const after = (await t.http().get('/api/v1/reports/monthly/2030-12').set(t.admin).expect(200)).body.figures;
    expect(after.filter((f: Figure) => KEYS.includes(f.key))).toEqual(before.filter((f: Figure) => KEYS.includes(f.key)));
    const refused = await record(people.p1, { madeOn: '2031-02-10', planKind: 'revision' }).expect(404);
    expect(refused.body.errors[0].field).toBe('participantId');
    await t.http().get(`/api/v1/participants/${people.p1}/plans`).set(t.admin).expect(404);
    const exported = await t.http().get(`/api/v1/participants/${people.p2}/export`).set(t.admin).expect(200);
    expect(exported.body.supportPlans).toHaveLength(2);

    // The report counts a person's plans in their current area (the copy kept by the trigger, migration SupportPlans).
    const moved = uniqueArea('転居');
    await t.http().patch(`/api/v1/participants/${people.p3}`).set(t.admin).send({ area: moved }).expect(200);
    const december = (await t.http().get('/api/v1/reports/monthly/2030-12').set(t.admin).expect(200)).body.figures;
    expect([inArea(december, 'plans.made.total'), byKey(december).get('plans.made.total')!.breakdowns!.area![moved]]).toEqual([1, 1]);
  });

  it('still serves a month snapshotted before the プラン策定件数 existed, in JSON, CSV and the workbook', async () => {
    const live = (await t.http().get('/api/v1/reports/monthly/2030-04').set(t.admin).expect(200)).body.figures as Figure[];
    const old = live.filter((f) => !f.key.startsWith('plans.'));
    await db.query(`INSERT INTO report_snapshots (period, figures, rules_version) VALUES ('2030-04', $1, 4)`, [JSON.stringify(old)]);
    const served = (await t.http().get('/api/v1/reports/monthly/2030-04').set(t.admin).expect(200)).body;
    expect(served).toMatchObject({ servedFromSnapshot: true, rulesVersion: 4 });
    expect(served.figures.some((f: Figure) => f.key.startsWith('plans.'))).toBe(false);

    const fy = (await t.http().get('/api/v1/reports/fiscal-year/2030').set(t.admin).expect(200)).body;
    expect(fy.months[0].rulesVersion).toBe(4);
    expect(inArea(fy.total.figures, 'plans.made.total')).toBe(3);
    await t.http().get('/api/v1/reports/fiscal-year/2030').query({ suppressBelow: 3 }).set(t.admin).expect(200);
    const csv = (await t.http().get('/api/v1/reports/fiscal-year/2030').query({ format: 'csv' }).set(t.admin).expect(200)).text;
    expect(csv).toContain('2030-04 はスナップショットのため第4版');

    const xlsx = await t
      .http()
      .get('/api/v1/reports/fiscal-year/2030')
      .query({ format: 'xlsx' })
      .set(t.admin)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('年度')!;
    const row = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(1).value === '参加支援のプラン策定件数（延べ）')!;
    expect(row).toBeDefined();
    expect([null, undefined, '']).toContain(row.getCell(2).value); // April: snapshot of rules version 4, without the figure
    expect(row.getCell(14).value).toBe(byKey(fy.total.figures).get('plans.made.total')!.value);
  });
});
