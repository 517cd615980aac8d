import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { afterKey, cursorAtSql, decodeCursor, pageWithCursor } from '../common/keyset';
import { listTotal } from '../common/list-total';
import type { CursorPage } from '../common/pagination';

export interface UnmetNeed {
  id: string;
  area: string;
  resourceType: string | null;
  summary: string;
  createdAt: Date;
  /** The staff member who recorded it (their display name; a token's owner, else the token's name); null when unknown. */
  recordedBy: string | null;
}

/** The columns of an entry, with the recorder's name (staff, never a person supported). */
const COLUMNS = `n.id, n.area, n.resource_type AS "resourceType", n.summary, n.created_at AS "createdAt",
  COALESCE(u.display_name, t.name) AS "recordedBy"`;
const FROM = `FROM unmet_needs n LEFT JOIN api_tokens t ON t.id = n.recorded_by_token_id
  LEFT JOIN users u ON u.id = COALESCE(n.recorded_by_user_id, t.user_id)`;

/** The unmet-needs register (受入先の開拓): no personal data, no link to a person. */
@Injectable()
export class UnmetNeedRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(values: { area: string; resourceType: string | null; summary: string; userId: string | null; tokenId: string | null }) {
    const [{ id }]: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO unmet_needs (area, resource_type, summary, recorded_by_user_id, recorded_by_token_id) VALUES ($1, $2, $3, $4, $5)
       RETURNING id`,
      [values.area, values.resourceType, values.summary, values.userId, values.tokenId],
    );
    const rows: UnmetNeed[] = await this.dataSource.query(`SELECT ${COLUMNS} ${FROM} WHERE n.id = $1`, [id]);
    return rows[0];
  }

  /**
   * Newest first (created_at, then id). `cursor` (keyset, docs/lists.md) or `page` (offset, for the screen); the total
   * is exact up to EXACT_TOTAL_LIMIT. `areas`: the actor's areas (an area-limited coordinator sees only those).
   */
  async list(filter: {
    area?: string;
    areas?: string[];
    resourceType?: string;
    page: number;
    limit: number;
    cursor?: string;
  }): Promise<CursorPage<UnmetNeed>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.area) where.push(`n.area = $${params.push(filter.area)}`);
    if (filter.areas) where.push(`n.area = ANY($${params.push(filter.areas)}::text[])`);
    if (filter.resourceType) where.push(`n.resource_type = $${params.push(filter.resourceType)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const key = filter.cursor ? decodeCursor(filter.cursor, 'uuid') : null;
    const after = key ? afterKey('n.created_at', 'n.id', 'ASC', key, params.length + 1) : null;
    const pageClause = after ? `${clause ? `${clause} AND` : 'WHERE'} ${after.sql}` : clause;
    const offset = key ? 0 : (filter.page - 1) * filter.limit;
    const [rows, total] = await Promise.all([
      this.dataSource.query(
        `SELECT ${cursorAtSql('n.created_at')} AS "cursorAt", ${COLUMNS} ${FROM}
          ${pageClause} ORDER BY n.created_at DESC, n.id LIMIT ${filter.limit + 1} OFFSET ${offset}`,
        [...params, ...(after?.params ?? [])],
      ),
      listTotal((sql, p) => this.dataSource.query(sql, p), `FROM unmet_needs n ${clause}`, params),
    ]);
    const page = pageWithCursor<UnmetNeed & { cursorAt?: string }>(rows, filter.limit);
    return { items: page.items, ...total, page: filter.page, limit: filter.limit, nextCursor: page.nextCursor };
  }
}
