import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { updateReturning } from '../common/sql';

export type InvitationPurpose = 'invite' | 'reset';

/** One-time links to set a password. Only a SHA-256 hash of the link's secret is stored. */
@Injectable()
export class InvitationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A new link replaces every unused one of the same user. */
  async create(link: {
    tokenHash: string;
    userId: string;
    purpose: InvitationPurpose;
    createdByUserId: string | null;
    expiresAt: Date;
  }): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query(`UPDATE invitations SET revoked_at = now() WHERE user_id = $1 AND used_at IS NULL AND revoked_at IS NULL`, [
        link.userId,
      ]);
      await m.query(`INSERT INTO invitations (token_hash, user_id, purpose, created_by_user_id, expires_at) VALUES ($1, $2, $3, $4, $5)`, [
        link.tokenHash,
        link.userId,
        link.purpose,
        link.createdByUserId,
        link.expiresAt,
      ]);
    });
  }

  /** The usable link (unused, not replaced, not expired, user not disabled), without using it. */
  async findUsable(tokenHash: string): Promise<{ userId: string; purpose: InvitationPurpose } | null> {
    const rows = await this.dataSource.query(
      `SELECT i.user_id AS "userId", i.purpose FROM invitations i JOIN users u ON u.id = i.user_id
        WHERE i.token_hash = $1 AND i.used_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now() AND u.status <> 'disabled'`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  /** Uses the link: true for exactly one caller, however many race. */
  async consume(manager: EntityManager, tokenHash: string, userId: string): Promise<boolean> {
    const rows = await updateReturning(
      manager,
      `UPDATE invitations SET used_at = now()
        WHERE token_hash = $1 AND user_id = $2 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now() RETURNING id`,
      [tokenHash, userId],
    );
    return rows.length === 1;
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
