import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { cursorAtSql, decodeCursor, pageWithCursor } from '../common/keyset';
import { listTotal } from '../common/list-total';
import type { CursorPage } from '../common/pagination';
import { escapeLike } from '../common/sql';
import type { AccountAuditEntry } from '../auth/account-audit';

export type { AccountAuditAction, AccountAuditEntry } from '../auth/account-audit';
export type AuditAction = 'read' | 'write' | 'export' | 'erase';
export interface AuditEntry {
  tokenId: string | null;
  /** The person who acted (the session's user, or the token's owner). */
  userId?: string | null;
  role: string;
  action: AuditAction;
  participantId: string;
  fields: string[];
  route: string;
}

export interface AuditFilter {
  participantId?: string;
  tokenId?: string;
  userId?: string;
  /** Part of the route (`GET /api/v1/placements`), matched case-insensitively. */
  route?: string;
  from?: string;
  to?: string;
  page: number;
  limit: number;
  cursor?: string;
}

/** Append-only (a trigger refuses UPDATE and DELETE): who touched which participant's data. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(entries: AuditEntry[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    if (!entries.length) return;
    await manager.query(
      `INSERT INTO audit_log (token_id, role, action, participant_id, fields, route, actor_user_id)
       SELECT e.token_id, e.role, e.action, e.participant_id, x.fields, x.route, e.actor_user_id
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $7::uuid[]) AS e(token_id, role, action, participant_id, actor_user_id)
       CROSS JOIN LATERAL (SELECT $5::text[] AS fields, $6::text AS route) x`,
      [
        entries.map((e) => e.tokenId),
        entries.map((e) => e.role),
        entries.map((e) => e.action),
        entries.map((e) => e.participantId),
        entries[0].fields,
        entries[0].route,
        entries.map((e) => e.userId ?? null),
      ],
    );
  }

  async recordAccountEvent(entry: AccountAuditEntry): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO audit_log (token_id, role, action, participant_id, route, actor_user_id, subject_user_id, address)
       VALUES ($1, $2, $3, NULL, $4, $5, $6, $7)`,
      [entry.tokenId, entry.role, entry.action, entry.route, entry.userId, entry.subjectUserId, entry.address],
    );
  }

  async list(filter: AuditFilter): Promise<CursorPage<AuditEntry & { id: string; at: Date }>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.participantId) where.push(`a.participant_id = $${params.push(filter.participantId)}`);
    if (filter.tokenId) where.push(`a.token_id = $${params.push(filter.tokenId)}`);
    if (filter.userId)
      where.push(`(COALESCE(a.actor_user_id, t.user_id) = $${params.push(filter.userId)} OR a.subject_user_id = $${params.length})`);
    if (filter.route) where.push(`a.route ILIKE $${params.push(`%${escapeLike(filter.route)}%`)}`);
    if (filter.from) where.push(`a.at >= $${params.push(filter.from)}`);
    if (filter.to) where.push(`a.at < $${params.push(filter.to)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    // Newest first; `cursor` (keyset on (at, id), both descending) or `page`; total exact up to EXACT_TOTAL_LIMIT.
    const key = filter.cursor ? decodeCursor(filter.cursor, 'serial') : null;
    const after = key ? `(a.at, a.id) < ($${params.length + 1}::timestamptz, $${params.length + 2}::bigint)` : null;
    const pageClause = after ? `${clause ? `${clause} AND` : 'WHERE'} ${after}` : clause;
    const offset = key ? 0 : (filter.page - 1) * filter.limit;
    const [rows, total] = await Promise.all([
      // Rows written before user accounts name only a token: its owner is the person (see the Accounts migration).
      this.dataSource.query(
        `SELECT ${cursorAtSql('a.at')} AS "cursorAt", a.id::text, a.at, a.token_id AS "tokenId",
                COALESCE(a.actor_user_id, t.user_id) AS "userId",
                u.display_name AS "userName", a.role, a.action, a.participant_id AS "participantId", a.subject_user_id AS "subjectUserId",
                a.fields, a.route
           FROM audit_log a LEFT JOIN api_tokens t ON t.id = a.token_id LEFT JOIN users u ON u.id = COALESCE(a.actor_user_id, t.user_id)
           ${pageClause} ORDER BY a.at DESC, a.id DESC LIMIT ${filter.limit + 1} OFFSET ${offset}`,
        key ? [...params, key.at, key.id] : params,
      ),
      listTotal(
        (sql, p) => this.dataSource.query(sql, p),
        `FROM audit_log a LEFT JOIN api_tokens t ON t.id = a.token_id ${clause}`,
        params,
      ),
    ]);
    const page = pageWithCursor<AuditEntry & { id: string; at: Date; cursorAt?: string }>(rows, filter.limit);
    return { items: page.items, ...total, page: filter.page, limit: filter.limit, nextCursor: page.nextCursor };
  }
}
