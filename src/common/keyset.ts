import { AppException } from './app.exception';

/**
 * Keyset (cursor) paging for the large lists (docs/lists.md). A cursor is opaque to clients: base64url of
 * `[v, at, id]`, where `at` is the sort instant of the last row shown with microseconds (as PostgreSQL keeps it)
 * and `id` its id, the tie-breaker. Lists sort newest first; the next page holds the rows after that key.
 */
const VERSION = 1;
const AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SERIAL = /^[1-9]\d{0,18}$/;
/** Longest cursor accepted (a valid one is under 100 characters). */
export const MAX_CURSOR_LENGTH = 200;

export interface CursorKey {
  /** The sort instant, `YYYY-MM-DDTHH:MM:SS.ffffffZ` (UTC, microseconds). */
  at: string;
  id: string;
}

export type IdKind = 'uuid' | 'serial';

/** SQL giving a row's sort instant in the cursor's exact text form (microseconds, UTC). */
export function cursorAtSql(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify([VERSION, key.at, key.id]), 'utf8').toString('base64url');
}

/** The key of a cursor; a cursor not made by this service (or for another list's ids) is a 400 naming `cursor`. */
export function decodeCursor(cursor: string, ids: IdKind): CursorKey {
  const bad = () =>
    AppException.validation(
      'cursor',
      '続きの位置（cursor）が正しくありません。前の応答の nextCursor をそのまま指定するか、省いて最初から取得してください',
    );
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw bad();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || parsed[0] !== VERSION) throw bad();
  const [, at, id] = parsed as unknown[];
  if (typeof at !== 'string' || !AT.test(at) || Number.isNaN(Date.parse(at))) throw bad();
  if (typeof id !== 'string' || !(ids === 'uuid' ? UUID : SERIAL).test(id)) throw bad();
  return { at, id };
}

/**
 * The WHERE condition for the rows after `key` in `ORDER BY at DESC, id <idOrder>`, with its parameters numbered
 * from `next`. `at <= $n` comes first so that an index on (at DESC, id) starts at the key instead of the list's head.
 */
export function afterKey(
  atColumn: string,
  idColumn: string,
  idOrder: 'ASC' | 'DESC',
  key: CursorKey,
  next: number,
  idCast = 'uuid',
): { sql: string; params: unknown[] } {
  const at = `$${next}::timestamptz`;
  const id = `$${next + 1}::${idCast}`;
  return {
    sql: `(${atColumn} <= ${at} AND (${atColumn} < ${at} OR ${idColumn} ${idOrder === 'ASC' ? '>' : '<'} ${id}))`,
    params: [key.at, key.id],
  };
}

/**
 * One page of rows fetched with `limit + 1` (the extra row only tells that more follow): the page's rows and the
 * cursor to the next page (null at the end). Rows carry their key in `cursorAt` / `id`; `cursorAt` is removed.
 */
export function pageWithCursor<T extends { id: string; cursorAt?: string }>(
  rows: T[],
  limit: number,
): { items: Array<Omit<T, 'cursorAt'>>; nextCursor: string | null } {
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  const last = shown[shown.length - 1];
  const nextCursor = more && last ? encodeCursor({ at: last.cursorAt!, id: String(last.id) }) : null;
  return {
    items: shown.map(({ cursorAt: _cursorAt, ...rest }) => rest),
    nextCursor,
  };
}
