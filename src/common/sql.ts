import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs UPDATE/DELETE … RETURNING. TypeORM's postgres driver answers such statements
 * with [rows, affectedCount] instead of rows; this always gives the rows.
 */
export async function updateReturning<T>(db: DataSource | EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const result = await db.query(sql, params);
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];
}

/** Escapes LIKE/ILIKE wildcards so that user text matches literally. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
