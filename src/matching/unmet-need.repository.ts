import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Page } from '../common/pagination';

export interface UnmetNeed {
  id: string;
  area: string;
  resourceType: string | null;
  summary: string;
  createdAt: Date;
}

const SELECT = `SELECT id, area, resource_type AS "resourceType", summary, created_at AS "createdAt" FROM unmet_needs`;

/** The unmet-needs register (受入先の開拓): no personal data, no link to a person. */
@Injectable()
export class UnmetNeedRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(values: { area: string; resourceType: string | null; summary: string; userId: string | null; tokenId: string | null }) {
    const rows: UnmetNeed[] = await this.dataSource.query(
      `INSERT INTO unmet_needs (area, resource_type, summary, recorded_by_user_id, recorded_by_token_id) VALUES ($1, $2, $3, $4, $5)
       RETURNING id, area, resource_type AS "resourceType", summary, created_at AS "createdAt"`,
      [values.area, values.resourceType, values.summary, values.userId, values.tokenId],
    );
    return rows[0];
  }

  async list(filter: { area?: string; areas?: string[]; resourceType?: string; page: number; limit: number }): Promise<Page<UnmetNeed>> {
    const where = ['true'];
    const params: unknown[] = [];
    if (filter.area) where.push(`area = $${params.push(filter.area)}`);
    if (filter.areas) where.push(`area = ANY($${params.push(filter.areas)}::text[])`);
    if (filter.resourceType) where.push(`resource_type = $${params.push(filter.resourceType)}`);
    const clause = where.join(' AND ');
    const [items, count] = await Promise.all([
      this.dataSource.query(
        `${SELECT} WHERE ${clause} ORDER BY created_at DESC, id LIMIT ${filter.limit} OFFSET ${(filter.page - 1) * filter.limit}`,
        params,
      ),
      this.dataSource.query(`SELECT count(*)::int AS n FROM unmet_needs WHERE ${clause}`, params),
    ]);
    return { items, total: count[0].n, page: filter.page, limit: filter.limit };
  }
}
