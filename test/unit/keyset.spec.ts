import { AppException } from '../../src/common/app.exception';
import { afterKey, decodeCursor, encodeCursor, pageWithCursor } from '../../src/common/keyset';
import { listTotal } from '../../src/common/list-total';

const ID = '3f2b8c1e-9d4a-4b6e-8f00-1234567890ab';
const AT = '2026-11-29T06:05:04.123456Z';

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppException);
    const body = (err as AppException).details;
    expect(body.errors?.[0].message).toMatch(/続きの位置/);
    return body.errors?.[0].field;
  }
  return undefined;
}

describe('list cursors (keyset paging)', () => {
  it('round-trips the key, URL-safe and short', () => {
    const cursor = encodeCursor({ at: AT, id: ID });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor.length).toBeLessThan(100);
    expect(decodeCursor(cursor, 'uuid')).toEqual({ at: AT, id: ID });
    expect(decodeCursor(encodeCursor({ at: AT, id: '42' }), 'serial')).toEqual({ at: AT, id: '42' });
  });

  it.each([
    ['not base64url', 'abc$%'],
    ['not JSON', Buffer.from('hello').toString('base64url')],
    ['another version', Buffer.from(JSON.stringify([2, AT, ID])).toString('base64url')],
    ['a date without microseconds', Buffer.from(JSON.stringify([1, '2026-11-29T06:05:04Z', ID])).toString('base64url')],
    ['an impossible date', Buffer.from(JSON.stringify([1, '2026-13-45T06:05:04.000000Z', ID])).toString('base64url')],
    ['an id that is no UUID', Buffer.from(JSON.stringify([1, AT, "1' OR '1'='1"])).toString('base64url')],
    ['a numeric id where a UUID is expected', encodeCursor({ at: AT, id: '42' })],
    ['too long', 'a'.repeat(500)],
  ])('refuses a cursor that is %s with a 400 naming cursor in Japanese', (_, cursor) => {
    expect(fieldOf(() => decodeCursor(cursor, 'uuid'))).toBe('cursor');
  });

  it('gives the next cursor only when more rows follow, from the last row shown', () => {
    const rows = [1, 2, 3].map((i) => ({ id: `00000000-0000-4000-8000-00000000000${i}`, cursorAt: AT, title: `r${i}` }));
    const full = pageWithCursor(rows, 2);
    expect(full.items).toEqual([
      { id: rows[0].id, title: 'r1' },
      { id: rows[1].id, title: 'r2' },
    ]);
    expect(decodeCursor(full.nextCursor!, 'uuid')).toEqual({ at: AT, id: rows[1].id });
    expect(pageWithCursor(rows, 3).nextCursor).toBeNull();
    expect(pageWithCursor([], 3)).toEqual({ items: [], nextCursor: null });
  });

  it('starts the next page after the key in the list order (newest first, id as tie-breaker)', () => {
    const asc = afterKey('r.created_at', 'r.id', 'ASC', { at: AT, id: ID }, 3);
    expect(asc.sql).toBe('(r.created_at <= $3::timestamptz AND (r.created_at < $3::timestamptz OR r.id > $4::uuid))');
    expect(asc.params).toEqual([AT, ID]);
    expect(afterKey('a.at', 'a.id', 'DESC', { at: AT, id: '7' }, 1, 'bigint').sql).toContain('a.id < $2::bigint');
  });
});

describe('list totals', () => {
  it('counts exactly up to the limit and asks the planner above it, marking the estimate', async () => {
    const statements: string[] = [];
    const run = (n: number, planRows: number) => async (sql: string) => {
      statements.push(sql);
      return sql.startsWith('EXPLAIN') ? [{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': planRows } }] }] : [{ n }];
    };
    expect(await listTotal(run(37, 0), 'FROM t WHERE x = $1', [1], 100)).toEqual({ total: 37, totalEstimated: false });
    expect(statements).toEqual(['SELECT count(*)::int AS n FROM (SELECT 1 FROM t WHERE x = $1 LIMIT 101) bounded']);
    expect(await listTotal(run(101, 12_345), 'FROM t', [], 100)).toEqual({ total: 12_345, totalEstimated: true });
    // A planner that has not seen the rows yet (no statistics) never gives less than was counted.
    expect(await listTotal(run(101, 1), 'FROM t', [], 100)).toEqual({ total: 101, totalEstimated: true });
  });
});
