import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import ExcelJS from 'exceljs';
import addFormats from 'ajv-formats';
import * as iconv from 'iconv-lite';
import type request from 'supertest';
import { DataSource } from 'typeorm';
import { ImportRepository } from '../../src/catalogue-import/import.repository';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { createOrganization, createResource } from '../support/factories';
import { createTestApp, waitFor, type TestApp } from '../support/test-app';

const FIXTURE = path.join(__dirname, '../fixtures/shakai-shigen-list.sjis.csv');
/** The official HSDS 3.1 schemas and examples, beside the repository (CC BY-SA: read there, not copied). */
const HSDS = process.env.HSDS_SPEC_DIR ?? path.resolve(__dirname, '../../../shared/hsds-3.1');

describe('catalogue import (Excel/CSV lists, HSDS) and export', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  async function upload(file: Buffer, name: string, fields: Record<string, string> = {}, app: TestApp = t) {
    const req = app.http().post('/api/v1/imports').set(app.admin);
    for (const [k, v] of Object.entries(fields)) req.field(k, v);
    const res = await req.attach('file', file, name);
    expect(res.status).toBe(202);
    return waitFor(async () => {
      const r = await app.http().get(`/api/v1/imports/${res.body.id}`).set(app.admin).expect(200);
      return r.body.status !== 'parsing' && r.body;
    }, 'import preview');
  }

  async function commit(id: string, mode: 'all' | 'valid_only', app: TestApp = t) {
    await app.http().post(`/api/v1/imports/${id}/commit`).set(app.admin).send({ mode }).expect(202);
    return waitFor(async () => {
      const r = await app.http().get(`/api/v1/imports/${id}`).set(app.admin).expect(200);
      return ['committed', 'failed'].includes(r.body.status) && r.body;
    }, 'import commit');
  }

  it('reads the rows to commit in pages: every create/update row once, in order, past one page', async () => {
    const db = t.app.get(DataSource);
    const [{ id }] = await db.query(
      `INSERT INTO catalogue_imports (format, status, created_by) VALUES ('csv', 'previewed', 'test') RETURNING id`,
    );
    await db.query(
      `INSERT INTO catalogue_import_rows (import_id, row_number, action, record)
       SELECT $1, n, CASE WHEN n % 7 = 0 THEN 'refused' WHEN n % 2 = 0 THEN 'update' ELSE 'create' END, jsonb_build_object('n', n)
         FROM generate_series(2, 2600) AS n`,
      [id],
    );
    const rows = await t.app.get(ImportRepository).rows(id, ['create', 'update']);
    const expected = Array.from({ length: 2599 }, (_, i) => i + 2).filter((n) => n % 7 !== 0);
    expect(rows.map((r) => r.row)).toEqual(expected);
    expect(rows.every((r) => (r.record as { n: number }).n === r.row)).toBe(true);
    await db.query(`DELETE FROM catalogue_imports WHERE id = $1`, [id]);
  });

  it('imports a messy Shift_JIS list (creates, cell warnings, Japanese refusals); a second import updates only edited rows', async () => {
    const file = fs.readFileSync(FIXTURE);
    const preview = await upload(file, 'list.csv');
    expect(preview.status).toBe('previewed');
    expect(preview.details).toMatchObject({ headerRow: 3, encoding: 'Shift_JIS' });
    const refused = preview.rows.filter((r: { action: string }) => r.action === 'refused');
    // Rows without 団体名 (every 25th from 7) and new rows without 地区 (every 40th from 13).
    expect(refused.map((r: { row: number }) => r.row - 3)).toEqual([7, 13, 32, 53, 57, 82, 93, 107, 132, 133, 157, 173, 182]);
    expect(preview.summary).toMatchObject({ create: 187, update: 0, refused: 13 });
    expect(preview.summary.warnings).toBeGreaterThan(50);
    const row = (n: number) => preview.rows.find((r: { row: number }) => r.row === n + 3);
    expect(row(7).messages[0]).toMatchObject({ column: '団体名', message: expect.stringContaining('団体名が空欄') });
    expect(
      row(10)
        .messages.map((m: { message: string }) => m.message)
        .join(),
    ).toContain('若干名'); // 定員「若干名」kept as text
    await t.http().post(`/api/v1/imports/${preview.id}/commit`).set(t.admin).send({ mode: 'all' }).expect(409);
    const done = await commit(preview.id, 'valid_only');
    expect(done.status).toBe('committed');

    const list = await t.http().get('/api/v1/resources').query({ q: 'テスト活動15', limit: 100 }).set(t.admin).expect(200);
    const r15 = list.body.items.find((r: { title: string }) => r.title === 'テスト活動15');
    expect(r15.capacity).toBe(3); // 「２～３名」 → upper end

    // Edited: two rows changed, the rest as before → exactly two updates.
    const text = iconv
      .decode(file, 'cp932')
      .replace('テスト活動20,', 'テスト活動20,')
      .replace('架空の活動 21 の説明です。', '架空の活動 21 の説明を直しました。')
      .replace('みどり市中央22-1', 'みどり市中央22-2');
    const again = await upload(iconv.encode(text, 'cp932'), 'list.csv');
    expect(again.summary).toMatchObject({ create: 0, update: 2, unchanged: 185, refused: 13 });
    expect(again.rows.find((r: { row: number }) => r.row === 24).match).toMatchObject({ by: 'externalId' });
    await commit(again.id, 'valid_only');
    // BM25 postings written in the commit's transaction, replaced for the edited row; the corpus counts stay current.
    const db = t.app.get(DataSource);
    const [terms] = await db.query(
      `SELECT count(DISTINCT p.resource_id)::int AS n, bool_or(p.term = '直す') AS edited
         FROM resource_terms p JOIN resources r ON r.id = p.resource_id WHERE r.title LIKE 'テスト活動%'`,
    );
    expect(terms.n).toBeGreaterThanOrEqual(187);
    expect(terms.edited).toBe(true);
    const [corpus] = await db.query(
      `SELECT c.documents = (SELECT count(DISTINCT resource_id) FROM resource_terms) AS current FROM lexical_corpus c`,
    );
    expect(corpus.current).toBe(true);
  });

  it('round trip: export → import changes nothing (csv and xlsx)', async () => {
    // A database of its own, so that the summary counts only this test's rows (the shared database holds other files' rows).
    const db = await startEmbeddedPostgres(fs.mkdtempSync(path.join(os.tmpdir(), 'sanka-roundtrip-')));
    const own = await createTestApp({ DATABASE_URL: db.url, QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}-roundtrip` });
    try {
      // Resources typed through the API, as other screens store them: text kept as typed, slots in any order.
      const org = await createOrganization(own, {
        name: 'ﾗｳﾝﾄﾞﾄﾘｯﾌﾟ会',
        kind: 'farm',
        contact: { phone: '03 1234 5678', person: '担当 山田' },
      });
      await createResource(own, org.id, {
        title: 'ﾊﾟｿｺﾝ入力の体験 ',
        description: '説明（全角かっこ）\n二行目\n',
        tasks: ['草取り・収穫', 'ＰＣ入力'],
        area: 'ｷﾀ地区',
        frequencyNote: '月2回（第1・第3水曜）',
        schedule: [
          { day: 'thu', start: '13:00', end: '15:00' },
          { day: 'tue', start: '09:00', end: '11:00' },
        ],
      });
      // Two organisations may share a name (the API allows it): each resource stays with its own host.
      for (const area of ['同名A地区', '同名B地区']) {
        const twin = await createOrganization(own, { name: '同じ名前の受入先', area });
        await createResource(own, twin.id, { title: '同じ名前の活動', area });
      }
      // Rows written by raw SQL (as test/support/report-fixture.ts does): no search_name, every other column at its default.
      const db = own.app.get(DataSource);
      const [raw] = await db.query(`INSERT INTO organizations (name, kind, area) VALUES ('生SQLの受入先', 'npo', '東部') RETURNING id`);
      await db.query(
        `INSERT INTO resources (organization_id, type, title, area, capacity, vacancies, status)
           VALUES ($1, 'ibasho', '生SQLの活動', '東部', 5, 5, 'open'), ($1, 'volunteer', '=1+2 式に見える活動', '東部', 2, 0, 'paused')`,
        [raw.id],
      );
      for (const format of ['csv', 'xlsx'] as const) {
        const res = await own
          .http()
          .get('/api/v1/catalogue/export')
          .query({ format })
          .set(own.admin)
          .buffer(true)
          .parse(binary)
          .expect(200);
        const preview = await upload(res.body as Buffer, `catalogue.${format}`, {}, own);
        expect(preview).toMatchObject({ status: 'previewed', error: null });
        const changed = preview.rows.filter((r: { action: string }) => r.action !== 'unchanged');
        expect({ format, changed }).toEqual({ format, changed: [] });
        expect(preview.summary).toMatchObject({ create: 0, update: 0, refused: 0 });
      }
      // An edit of the raw-SQL resource updates it and keeps it with its own host (no second 「生SQLの受入先」).
      const csv = await own.http().get('/api/v1/catalogue/export').query({ format: 'csv' }).set(own.admin).buffer(true).parse(binary);
      const lines = (csv.body as Buffer).toString('utf8').split(/(\r?\n)/); // separators kept: a quoted cell holds a line break of its own
      const at = lines.findIndex((l) => l.includes(',生SQLの活動,'));
      const cells = lines[at].split(',');
      cells[13] = '4'; // 定員 (TEMPLATE_FIELDS order)
      lines[at] = cells.join(',');
      const edited = await upload(Buffer.from(lines.join(''), 'utf8'), 'edited.csv', {}, own);
      const updated = edited.rows.filter((r: { action: string }) => r.action !== 'unchanged');
      expect(updated.map((r: { match: { label: string } }) => r.match.label)).toEqual(['生SQLの受入先 / 生SQLの活動']);
      expect(edited.summary).toMatchObject({ create: 0, update: 1, refused: 0 });
      expect(await commit(edited.id, 'all', own)).toMatchObject({ status: 'committed' });
      const hosts = await db.query(`SELECT id FROM organizations WHERE name = '生SQLの受入先'`);
      expect(hosts).toEqual([{ id: raw.id }]);
      const [resource] = await db.query(`SELECT organization_id, capacity FROM resources WHERE title = '生SQLの活動'`);
      expect(resource).toEqual({ organization_id: raw.id, capacity: 4 });
    } finally {
      await own.close();
      await db.stop();
    }
  });

  it('an Excel list: header below a title, formula and merged cells, a hidden sheet; a corrected mapping is remembered', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('古いシート', { state: 'hidden' }).addRow(['団体名', '活動名']);
    const sheet = workbook.addWorksheet('一覧');
    sheet.addRow(['エクセル地区 社会資源（令和7年度）']);
    sheet.addRow([]);
    sheet.addRow(['事業所', '活動名', '分類', '地区', '定員', '空き', '曜日', 'メモ欄']);
    sheet.addRow(['NPO法人エクセル会', 'エクセル活動1', '居場所', '西部', 4, { formula: 'E4-1', result: 3 }, '毎週水 10:00-12:00', 'x']);
    sheet.addRow(['NPO法人エクセル会', 'エクセル活動2', '就労体験', '西部', 2, 2, '第1土曜 9時～11時', 'y']);
    sheet.addRow([]);
    sheet.addRow(['', 'エクセル活動3', 'ボランティア', '西部', 1, 1, '日曜 13:00-15:00', 'z']);
    sheet.mergeCells('A4:A5');
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const mapping = JSON.stringify({ 事業所: 'organizationName', メモ欄: null });
    const preview = await upload(file, 'excel.xlsx', { mapping });
    expect(preview).toMatchObject({ status: 'previewed', details: { headerRow: 3, sheet: '一覧' } });
    const notes = JSON.stringify(preview.details.notes);
    expect(notes).toContain('非表示のシート「古いシート」');
    expect(notes).toContain('空の行 1 行');
    const byRow = (n: number) => preview.rows.find((r: { row: number }) => r.row === n);
    expect(JSON.stringify(byRow(4).messages)).toContain('数式のセル');
    expect(JSON.stringify(byRow(5).messages)).toContain('結合されたセル');
    expect(byRow(5).action).toBe('create'); // the merged 団体名 applies to row 5 too
    expect(byRow(7)).toMatchObject({ action: 'refused', messages: [expect.objectContaining({ column: '事業所' })] });
    expect(preview.summary).toMatchObject({ create: 2, refused: 1 });
    // The next list with the same headers needs no mapping: 事業所 was remembered.
    const again = await upload(file, 'excel.xlsx');
    expect(again.summary).toMatchObject({ create: 2, refused: 1 });
    await commit(again.id, 'valid_only');
    const found = await t.http().get('/api/v1/resources').query({ q: 'エクセル活動1' }).set(t.admin).expect(200);
    expect(found.body.items[0]).toMatchObject({ vacancies: 3, capacity: 4, schedule: [{ day: 'wed', start: '10:00', end: '12:00' }] });
  });

  it('bad files get a message, never a 500', async () => {
    const notXlsx = await upload(Buffer.from('PK\u0003\u0004garbage'), 'broken.xlsx');
    expect(notXlsx).toMatchObject({ status: 'failed', error: expect.stringContaining('Excel') });
    const noHeader = await upload(Buffer.from('a,b,c\n1,2,3\n'), 'x.csv');
    expect(noHeader).toMatchObject({ status: 'failed', error: expect.stringContaining('見出し') });
    const badJson = await upload(Buffer.from('{"services": ['), 'x.json');
    expect(badJson).toMatchObject({ status: 'failed', error: expect.stringContaining('JSON') });
    const big = await t
      .http()
      .post('/api/v1/imports')
      .set(t.admin)
      .attach('file', Buffer.alloc(21 * 1024 * 1024, 0x41), 'big.csv');
    expect(big.status).toBe(413);
    await t.http().post('/api/v1/imports').set(t.admin).expect(400);
  });

  it('HSDS export validates against the official schemas; the official examples import', async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const base = 'https://sanka-shien.invalid/hsds/3.1/';
    for (const f of fs.readdirSync(path.join(HSDS, 'schema')).filter((n) => n.endsWith('.json') && n !== 'openapi.json')) {
      ajv.addSchema({ ...JSON.parse(fs.readFileSync(path.join(HSDS, 'schema', f), 'utf8')), $id: base + f });
    }
    const check = (schema: string, value: unknown) => {
      const ok = ajv.validate(base + schema, value);
      if (!ok) throw new Error(`${schema}: ${ajv.errorsText(ajv.errors)}`);
    };
    const services = await t.http().get('/api/v1/hsds/services').query({ per_page: 1000 }).set(t.admin).expect(200);
    expect(services.body.total_items).toBeGreaterThan(100);
    for (const s of services.body.contents) check('service.json', s);
    const one = await t.http().get(`/api/v1/hsds/services/${services.body.contents[0].id}`).set(t.admin).expect(200);
    check('service.json', one.body);
    const orgs = await t.http().get('/api/v1/hsds/organizations').query({ per_page: 5 }).set(t.admin).expect(200);
    expect(orgs.body).toMatchObject({ page_number: 1, size: 5, first_page: true });
    for (const o of orgs.body.contents) check('organization.json', o);
    const org = await t.http().get(`/api/v1/hsds/organizations/${orgs.body.contents[0].id}`).set(t.admin).expect(200);
    check('organization.json', org.body);
    const dataset = await t.http().get('/api/v1/hsds/dataset').set(t.admin).expect(200);
    for (const term of dataset.body.taxonomy_terms) check('taxonomy_term.json', term);
    for (const tax of dataset.body.taxonomies) check('taxonomy.json', tax);

    for (const example of ['service_full.json', 'organization_full.json', 'tabular.json', 'service_list.json']) {
      const preview = await upload(fs.readFileSync(path.join(HSDS, 'examples', example)), example, { format: 'hsds' });
      expect(preview.status).toBe('previewed');
      expect(preview.summary.refused).toBe(0);
    }
    const ex = await upload(fs.readFileSync(path.join(HSDS, 'examples', 'service_full.json')), 'service_full.json');
    expect((await commit(ex.id, 'all')).status).toBe('committed');
    const twice = await upload(fs.readFileSync(path.join(HSDS, 'examples', 'service_full.json')), 'service_full.json');
    expect(twice.summary).toMatchObject({ create: 0, unchanged: 1 });

    // Partners without credentials: refused by default, answered with HSDS_PUBLIC=true (read-only).
    await t.http().get('/api/v1/hsds/services').expect(401);
    const open = await createTestApp({ HSDS_PUBLIC: 'true' });
    try {
      const page = await open.http().get('/api/v1/hsds/services').query({ per_page: 2 }).expect(200);
      expect(page.body.contents).toHaveLength(2);
      await open.http().get('/api/v1/imports/00000000-0000-4000-8000-000000000000').expect(401);
    } finally {
      await open.close();
    }
  });
});

function binary(res: request.Response, done: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}
