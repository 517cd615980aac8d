import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Page } from '../common/pagination';

export type AuditAction = 'read' | 'write' | 'export' | 'erase';

export interface AuditEntry {
  tokenId: string | null;
  role: string;
  action: AuditAction;
  participantId: string;
  fields: string[];
  route: string;
}

export interface AuditFilter {
  participantId?: string;
  tokenId?: string;
  from?: string;
  to?: string;
  page: number;
  limit: number;
}

/** Append-only (a trigger refuses UPDATE and DELETE): who touched which participant's data. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(entries: AuditEntry[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    if (!entries.length) return;
    await manager.query(
      `INSERT INTO audit_log (token_id, role, action, participant_id, fields, route)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[]) AS e(token_id, role, action, participant_id)
       CROSS JOIN LATERAL (SELECT $5::text[] AS fields, $6::text AS route) x`,
      [
        entries.map((e) => e.tokenId),
        entries.map((e) => e.role),
        entries.map((e) => e.action),
        entries.map((e) => e.participantId),
        entries[0].fields,
        entries[0].route,
      ],
    );
  }

  async list(filter: AuditFilter): Promise<Page<AuditEntry & { id: string; at: Date }>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.participantId) where.push(`participant_id = $${params.push(filter.participantId)}`);
    if (filter.tokenId) where.push(`token_id = $${params.push(filter.tokenId)}`);
    if (filter.from) where.push(`at >= $${params.push(filter.from)}`);
    if (filter.to) where.push(`at < $${params.push(filter.to)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [items, count] = await Promise.all([
      this.dataSource.query(
        `SELECT id::text, at, token_id AS "tokenId", role, action, participant_id AS "participantId", fields, route
           FROM audit_log ${clause} ORDER BY at DESC, id DESC LIMIT ${filter.limit} OFFSET ${(filter.page - 1) * filter.limit}`,
        params,
      ),
      this.dataSource.query(`SELECT count(*)::int AS n FROM audit_log ${clause}`, params),
    ]);
    return { items, total: count[0].n, page: filter.page, limit: filter.limit };
  }
}
