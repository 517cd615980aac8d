import { DataSource } from 'typeorm';
import { EXACT_TOTAL_LIMIT } from '../../src/common/limits';
import { createUser, signIn } from '../support/people';
import { createTestApp, uniqueArea, type TestApp } from '../support/test-app';

/**
 * Keyset paging of the large lists (docs/lists.md): walking by nextCursor gives every row once, in the list's order,
 * while rows are added between pages; `page` keeps working; a bad cursor is a 400 naming cursor; large totals are
 * estimates, marked. The database is shared with other spec files: every list here is filtered to this file's rows.
 */
describe('cursor paging of the large lists', () => {
  let t: TestApp;
  let db: DataSource;
  let orgId: string;
  beforeAll(async () => {
    t = await createTestApp({ ROLE: 'api' });
    db = t.app.get(DataSource);
    [{ id: orgId }] = await db.query(
      `INSERT INTO organizations (name, kind, area) VALUES ('一覧テスト受入先', 'npo', '東部') RETURNING id`,
    );
  });
  afterAll(async () => t.close());

  type Row = { id: string };
  type Body = { items: Row[]; total: number; totalEstimated: boolean; page: number; limit: number; nextCursor: string | null };

  /** Walks a list by cursor; `between` runs after each page (inserts). */
  async function walk(path: string, query: Record<string, unknown>, between: (page: number) => Promise<void> = async () => undefined) {
    const seen: Row[] = [];
    let cursor: string | null = null;
    for (let page = 1; page < 100; page++) {
      const body: Body = (
        await t
          .http()
          .get(path)
          .query({ ...query, ...(cursor ? { cursor } : {}) })
          .set(t.admin)
          .expect(200)
      ).body;
      seen.push(...body.items);
      cursor = body.nextCursor;
      if (!cursor) return seen;
      expect(body.items).toHaveLength(Number(query.limit));
      await between(page);
    }
    throw new Error('more than 100 pages');
  }

  async function insertResources(area: string, n: number, at: string): Promise<string[]> {
    const rows: Row[] = await db.query(
      `INSERT INTO resources (organization_id, type, title, area, capacity, vacancies, status, created_at)
        SELECT $1, 'ibasho', '一覧テスト' || g, $2, 5, 5, 'open', $3::timestamptz FROM generate_series(1, $4) g RETURNING id`,
      [orgId, area, at, n],
    );
    return rows.map((r) => r.id);
  }

  /** The list's order from the database itself: newest first, id as the tie-breaker. */
  async function expectedOrder(table: string, at: string, where: string, params: unknown[], idOrder = 'ASC'): Promise<string[]> {
    const sql = `SELECT x.id::text AS id FROM ${table} x WHERE ${where} ORDER BY x.${at} DESC, x.id ${idOrder}`;
    return (await db.query(sql, params)).map((r: Row) => r.id);
  }

  it('walks the resources by cursor: every row once and in order, with rows added between pages', async () => {
    const area = uniqueArea('一覧');
    // Many rows share one created_at (one statement): the id breaks the ties.
    await insertResources(area, 23, '2026-10-01T10:00:00+09:00');
    await insertResources(area, 17, '2026-10-02T10:00:00.123456+09:00');
    const before = await expectedOrder('resources', 'created_at', 'area = $1', [area]);
    const added: string[] = [];
    const seen = await walk('/api/v1/resources', { area, limit: 7 }, async (page) => {
      // Newer than every shown row (before the cursor: not listed in this walk) and older (after it: listed once).
      await insertResources(area, 2, '2026-11-01T10:00:00+09:00');
      if (page === 2) added.push(...(await insertResources(area, 3, '2026-09-01T10:00:00+09:00')));
    });
    const ids = seen.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...before, ...(await expectedOrder('resources', 'created_at', 'id = ANY($1::uuid[])', [added]))]);
  });

  it('keeps page working beside the cursor, with the same order and an exact total when small', async () => {
    const area = uniqueArea('一覧');
    await insertResources(area, 12, '2026-10-01T10:00:00+09:00');
    const order = await expectedOrder('resources', 'created_at', 'area = $1', [area]);
    const page2: Body = (await t.http().get('/api/v1/resources').query({ area, limit: 5, page: 2 }).set(t.admin).expect(200)).body;
    expect(page2).toMatchObject({ total: 12, totalEstimated: false, page: 2, limit: 5 });
    expect(page2.items.map((r) => r.id)).toEqual(order.slice(5, 10));
    // The cursor of a page-mode answer continues after that page.
    const next: Body = (
      await t.http().get('/api/v1/resources').query({ area, limit: 5, cursor: page2.nextCursor }).set(t.admin).expect(200)
    ).body;
    expect(next.items.map((r) => r.id)).toEqual(order.slice(10));
    expect(next.nextCursor).toBeNull();
  });

  it('walks participants and placements by cursor', async () => {
    const area = uniqueArea('一覧');
    const people: Row[] = await db.query(
      `INSERT INTO participants (display_name, area, needs, referral_route, readiness_stage, created_at)
        SELECT '一覧テスト' || g, $1, '（省略）', 'family', 'social_life', '2026-10-01T10:00:00+09:00'::timestamptz + (g % 4) * interval '1 minute'
          FROM generate_series(1, 31) g RETURNING id`,
      [area],
    );
    const [resourceId] = await insertResources(area, 1, '2026-10-01T10:00:00+09:00');
    await db.query(
      `INSERT INTO placements (participant_id, resource_id, state, proposed_at)
        SELECT id, $1, 'proposed', '2026-10-05T10:00:00+09:00'::timestamptz + (row_number() OVER () % 3) * interval '1 second'
          FROM participants WHERE id = ANY($2::uuid[])`,
      [resourceId, people.map((p) => p.id)],
    );
    const participants = await walk('/api/v1/participants', { area, limit: 4 }, async () => {
      await db.query(
        `INSERT INTO participants (display_name, area, needs, referral_route, readiness_stage)
          VALUES ('一覧テスト新', $1, '（省略）', 'family', 'social_life')`,
        [area],
      );
    });
    const firstPeople = await expectedOrder('participants', 'created_at', 'area = $1 AND id = ANY($2::uuid[])', [
      area,
      people.map((p) => p.id),
    ]);
    expect(participants.map((p) => p.id)).toEqual(firstPeople);
    const placements = await walk('/api/v1/placements', { resourceId, limit: 6 });
    expect(placements.map((p) => p.id)).toEqual(await expectedOrder('placements', 'proposed_at', 'resource_id = $1', [resourceId]));
  });

  it('walks the audit log by cursor and marks a large total as an estimate', async () => {
    const route = `GET /api/v1/list-test/${uniqueArea('audit')}`;
    const n = EXACT_TOTAL_LIMIT + 150;
    await db.query(
      `INSERT INTO audit_log (at, role, action, participant_id, route)
        SELECT '2026-10-01T10:00:00+09:00'::timestamptz + (g % 50) * interval '1 second', 'admin', 'read', gen_random_uuid(), $1
          FROM generate_series(1, $2) g`,
      [route, n],
    );
    await db.query(`ANALYZE audit_log`);
    const first: Body = (await t.http().get('/api/v1/audit').query({ route, limit: 100 }).set(t.admin).expect(200)).body;
    expect(first.totalEstimated).toBe(true);
    expect(first.total).toBeGreaterThan(EXACT_TOTAL_LIMIT);
    const seen = await walk('/api/v1/audit', { route, limit: 100 });
    expect(seen.map((r) => r.id)).toEqual(await expectedOrder('audit_log', 'at', 'route = $1', [route], 'DESC'));
  });

  it('walks the unmet-needs register by cursor, within an area-limited coordinator’s areas, with entries added between pages', async () => {
    const area = uniqueArea('未充足');
    const other = uniqueArea('未充足他');
    const insert = (where: string, n: number, at: string) =>
      db.query(
        `INSERT INTO unmet_needs (area, resource_type, summary, created_at)
          SELECT $1, CASE WHEN g % 2 = 0 THEN 'ibasho' END, '一覧テスト' || g, $2::timestamptz FROM generate_series(1, $3) g`,
        [where, at, n],
      );
    // Ties on created_at (one statement) and rows in another area, which the coordinator must never see.
    await insert(area, 13, '2026-10-01T10:00:00+09:00');
    await insert(area, 8, '2026-10-03T09:30:00.250001+09:00');
    await insert(other, 9, '2026-10-02T10:00:00+09:00');
    const before = await expectedOrder('unmet_needs', 'created_at', 'area = $1', [area]);
    const user = await createUser(t, 'coordinator', { areas: [area] });
    const coordinator = await signIn(t, user.login, user.password);
    const seen: Row[] = [];
    let cursor: string | null = null;
    for (let page = 1; page < 20; page++) {
      const body: Body = (
        await t
          .http()
          .get('/api/v1/unmet-needs')
          .query({ limit: 5, ...(cursor ? { cursor } : {}) })
          .set(coordinator)
          .expect(200)
      ).body;
      expect(body.totalEstimated).toBe(false);
      seen.push(...body.items);
      cursor = body.nextCursor;
      if (!cursor) break;
      await insert(area, 1, '2026-11-01T10:00:00+09:00'); // newer than every shown row: not listed in this walk
    }
    expect(seen.map((r) => r.id)).toEqual(before);
    // page keeps working beside the cursor; the other area stays out of reach even when asked for by name.
    const page2: Body = (await t.http().get('/api/v1/unmet-needs').query({ area, limit: 5, page: 2 }).set(t.admin).expect(200)).body;
    const now = await expectedOrder('unmet_needs', 'created_at', 'area = $1', [area]);
    expect(page2.items.map((r) => r.id)).toEqual(now.slice(5, 10));
    const asked: Body = (await t.http().get('/api/v1/unmet-needs').query({ area: other }).set(coordinator).expect(200)).body;
    expect(asked).toMatchObject({ items: [], total: 0, nextCursor: null });
    const bad = await t.http().get('/api/v1/unmet-needs').query({ cursor: 'not-a-cursor' }).set(coordinator).expect(400);
    expect(bad.body.errors[0].field).toBe('cursor');
  });

  it.each(['not-a-cursor', 'eyJ4IjoxfQ', 'a'.repeat(300), 'abc$'])(
    'refuses cursor %s with a 400 naming cursor in Japanese',
    async (cursor) => {
      const res = await t.http().get('/api/v1/resources').query({ cursor }).set(t.admin).expect(400);
      expect(res.body.errors[0].field).toBe('cursor');
      expect(res.body.errors[0].message).toMatch(/続きの位置|cursor/);
    },
  );
});
