import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Role } from './api-token.entity';
import type { Page } from '../common/pagination';
import { updateReturning } from '../common/sql';

export const USER_STATUSES = ['invited', 'active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export interface User {
  id: string;
  login: string;
  email: string | null;
  displayName: string;
  role: Role;
  organizationId: string | null;
  areas: string[] | null;
  /** Host staff who may invite colleagues of their own organisation. */
  organizationAdmin: boolean;
  status: UserStatus;
  lastSignInAt: Date | null;
  createdAt: Date;
}

export interface NewUser {
  login: string;
  email: string | null;
  displayName: string;
  role: Role;
  organizationId: string | null;
  areas: string[] | null;
  organizationAdmin?: boolean;
}

const COLUMNS = `id, login, email, display_name AS "displayName", role, organization_id AS "organizationId", areas,
  organization_admin AS "organizationAdmin", status,
  last_sign_in_at AS "lastSignInAt", created_at AS "createdAt"`;

@Injectable()
export class UserRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(user: NewUser): Promise<User> {
    const [row] = await this.dataSource.query(
      `INSERT INTO users (login, email, display_name, role, organization_id, areas, organization_admin) VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING ${COLUMNS}`,
      [user.login, user.email, user.displayName, user.role, user.organizationId, user.areas, user.organizationAdmin ?? false],
    );
    return row;
  }

  async findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<User | null> {
    const rows = await manager.query(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async loginTaken(login: string): Promise<boolean> {
    return (await this.dataSource.query(`SELECT 1 FROM users WHERE lower(login) = lower($1)`, [login])).length > 0;
  }

  /** With the password hash: for sign-in only. */
  async findForSignIn(login: string): Promise<(User & { passwordHash: string | null }) | null> {
    const rows = await this.dataSource.query(
      `SELECT ${COLUMNS}, password_hash AS "passwordHash" FROM users WHERE lower(login) = lower($1)`,
      [login],
    );
    return rows[0] ?? null;
  }

  async list(page: number, limit: number, filter: { role?: string; organizationId?: string; status?: string } = {}): Promise<Page<User>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.role) where.push(`role = $${params.push(filter.role)}`);
    if (filter.organizationId) where.push(`organization_id = $${params.push(filter.organizationId)}`);
    if (filter.status) where.push(`status = $${params.push(filter.status)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [items, count] = await Promise.all([
      this.dataSource.query(
        `SELECT ${COLUMNS} FROM users ${clause} ORDER BY created_at, id LIMIT ${limit} OFFSET ${(page - 1) * limit}`,
        params,
      ),
      this.dataSource.query(`SELECT count(*)::int AS n FROM users ${clause}`, params),
    ]);
    return { items, total: count[0].n, page, limit };
  }

  async countAll(): Promise<number> {
    return (await this.dataSource.query(`SELECT count(*)::int AS n FROM users`))[0].n;
  }

  async countActive(role: Role): Promise<number> {
    return (await this.dataSource.query(`SELECT count(*)::int AS n FROM users WHERE role = $1 AND status = 'active'`, [role]))[0].n;
  }

  /** For the demo host user: the demo organisation by its name. */
  async organizationIdByName(name: string): Promise<string | null> {
    const rows = await this.dataSource.query(`SELECT id FROM organizations WHERE name = $1 ORDER BY created_at LIMIT 1`, [name]);
    return rows[0]?.id ?? null;
  }

  async update(
    id: string,
    patch: { displayName?: string; email?: string | null; areas?: string[] | null; organizationAdmin?: boolean },
  ): Promise<User | null> {
    const rows = await updateReturning<User>(
      this.dataSource,
      `UPDATE users SET display_name = COALESCE($2, display_name),
              email = CASE WHEN $3::boolean THEN $4 ELSE email END,
              areas = CASE WHEN $5::boolean THEN $6::text[] ELSE areas END,
              organization_admin = COALESCE($7, organization_admin), updated_at = now()
        WHERE id = $1 RETURNING ${COLUMNS}`,
      [
        id,
        patch.displayName ?? null,
        patch.email !== undefined,
        patch.email ?? null,
        patch.areas !== undefined,
        patch.areas ?? null,
        patch.organizationAdmin ?? null,
      ],
    );
    return rows[0] ?? null;
  }

  /**
   * Disabling ends every session, revokes the user's API tokens and any unused link, in one transaction,
   * so nothing the user held works a moment later.
   */
  async disable(id: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query(`UPDATE users SET status = 'disabled', disabled_at = now(), updated_at = now() WHERE id = $1`, [id]);
      await m.query(`DELETE FROM user_sessions WHERE user_id = $1`, [id]);
      await m.query(`UPDATE api_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [id]);
      await m.query(`UPDATE invitations SET revoked_at = now() WHERE user_id = $1 AND used_at IS NULL AND revoked_at IS NULL`, [id]);
    });
  }

  /** Back from disabled: active again if a password was set, otherwise invited. Revoked tokens stay revoked. */
  async enable(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE users SET status = CASE WHEN password_hash IS NULL THEN 'invited' ELSE 'active' END, disabled_at = NULL, updated_at = now()
        WHERE id = $1 AND status = 'disabled'`,
      [id],
    );
  }

  /** New password: the user becomes active and every existing session ends. */
  async setPassword(id: string, passwordHash: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `UPDATE users SET password_hash = $2, status = 'active', password_changed_at = now(), updated_at = now()
       WHERE id = $1 AND status <> 'disabled'`,
      [id, passwordHash],
    );
    await manager.query(`DELETE FROM user_sessions WHERE user_id = $1`, [id]);
  }

  async rehash(id: string, passwordHash: string): Promise<void> {
    await this.dataSource.query(`UPDATE users SET password_hash = $2 WHERE id = $1`, [id, passwordHash]);
  }

  async recordSignIn(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE users SET last_sign_in_at = now() WHERE id = $1`, [id]);
  }
}
