import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiTokenEntity, type Role } from './api-token.entity';
import type { Owner } from './token-rights';

export interface NewToken {
  name: string;
  role: Role;
  organizationId: string | null;
  tokenHash: string;
  expiresAt: Date | null;
  areas: string[] | null;
  userId: string | null;
}

@Injectable()
export class ApiTokenRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(ApiTokenEntity);
  }

  async create(token: NewToken): Promise<ApiTokenEntity> {
    const saved = await this.repo.save(this.repo.create(token));
    return this.repo.findOneByOrFail({ id: saved.id });
  }

  findByHash(tokenHash: string): Promise<ApiTokenEntity | null> {
    return this.repo.createQueryBuilder('t').where('t.token_hash = :tokenHash', { tokenHash }).getOne();
  }

  list(): Promise<ApiTokenEntity[]> {
    return this.repo.find({ order: { createdAt: 'DESC' } });
  }

  findById(id: string): Promise<ApiTokenEntity | null> {
    return this.repo.findOneBy({ id });
  }

  /** The owner's current rights, read at every use so that a change to the user applies at once. */
  async owner(userId: string): Promise<(Owner & { displayName: string }) | null> {
    const rows = await this.dataSource.query(
      `SELECT status, role, organization_id AS "organizationId", areas, display_name AS "displayName" FROM users WHERE id = $1`,
      [userId],
    );
    return rows[0] ?? null;
  }

  async revoke(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [id]);
  }

  /** Recorded at most once a minute per token so that reads do not turn into writes. */
  async touch(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE api_tokens SET last_used_at = now()
        WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [id],
    );
  }
}
