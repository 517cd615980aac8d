import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { updateReturning } from '../common/sql';
import type { Role } from './api-token.entity';

export interface SessionRow {
  id: string;
  userId: string;
  createdAt: Date;
  lastActivityAt: Date;
  absoluteExpiresAt: Date;
  login: string;
  displayName: string;
  role: Role;
  organizationId: string | null;
  areas: string[] | null;
  email: string | null;
  organizationAdmin: boolean;
}

/** Browser sessions. Only a SHA-256 hash of the session secret is stored. */
@Injectable()
export class SessionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(session: {
    sessionHash: string;
    userId: string;
    absoluteExpiresAt: Date;
    ip: string | null;
    userAgent: string | null;
  }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO user_sessions (session_hash, user_id, absolute_expires_at, ip, user_agent) VALUES ($1, $2, $3, $4, $5)`,
      [session.sessionHash, session.userId, session.absoluteExpiresAt, session.ip, session.userAgent],
    );
  }

  /**
   * The session if it is neither idle too long nor past its absolute end and its user is active; a disabled
   * user's session is refused here even before it is deleted. With `touch`, the activity time moves to now
   * (at most every 5 seconds, so that bursts of requests do not each write).
   */
  async findValid(sessionHash: string, idleMinutes: number, touch: boolean): Promise<{ session: SessionRow } | null> {
    const rows: SessionRow[] = await this.dataSource.query(
      `SELECT s.id, s.user_id AS "userId", s.created_at AS "createdAt", s.last_activity_at AS "lastActivityAt",
              s.absolute_expires_at AS "absoluteExpiresAt", u.login, u.display_name AS "displayName", u.role,
              u.organization_id AS "organizationId", u.areas, u.email,
              u.organization_admin AS "organizationAdmin"
         FROM user_sessions s JOIN users u ON u.id = s.user_id
        WHERE s.session_hash = $1 AND u.status = 'active'
          AND s.absolute_expires_at > now() AND s.last_activity_at > now() - make_interval(mins => $2::int)`,
      [sessionHash, idleMinutes],
    );
    const session = rows[0];
    if (!session) return null;
    if (touch && Date.now() - new Date(session.lastActivityAt).getTime() > 5_000) {
      const [updated] = await updateReturning<{ lastActivityAt: Date }>(
        this.dataSource,
        `UPDATE user_sessions SET last_activity_at = now() WHERE id = $1 RETURNING last_activity_at AS "lastActivityAt"`,
        [session.id],
      );
      if (updated) session.lastActivityAt = updated.lastActivityAt;
    }
    return { session };
  }

  async deleteByHash(sessionHash: string): Promise<{ userId: string } | null> {
    const rows = await updateReturning<{ userId: string }>(
      this.dataSource,
      `DELETE FROM user_sessions WHERE session_hash = $1 RETURNING user_id AS "userId"`,
      [sessionHash],
    );
    return rows[0] ?? null;
  }

  /** Expired sessions are useless: removed at each sign-in of anyone (cheap with the expiry index). */
  async deleteExpired(idleMinutes: number): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM user_sessions WHERE absolute_expires_at <= now() OR last_activity_at <= now() - make_interval(mins => $1::int)`,
      [idleMinutes],
    );
  }
}
