import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AccountAuditLog } from './account-audit';
import { AppException, ErrorCode } from '../common/app.exception';
import { AppConfig } from '../config/app-config';
import { UserRepository } from './user.repository';
import type { Actor } from './actor';
import type { Role } from './api-token.entity';
import { hashPassword, passwordNeedsRehash, verifyPassword } from './password';
import { csrfTokenFor, sha256 } from './session-cookie';
import { SessionRepository, type SessionRow } from './session.repository';
import { SignInThrottleRepository } from './sign-in-throttle.repository';

export interface SessionView {
  user: { id: string; displayName: string; role: Actor['role']; organizationId: string | null; areas: string[] | null };
  csrfToken: string;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
}

const WRONG_CREDENTIALS = 'ログイン ID またはパスワードが正しくありません。';

/** Browser sign-in: passwords, server-side sessions (idle and absolute limits), lockout after failures. */
@Injectable()
export class SessionService {
  constructor(
    private readonly config: AppConfig,
    private readonly sessions: SessionRepository,
    private readonly users: UserRepository,
    private readonly throttle: SignInThrottleRepository,
    private readonly audit: AccountAuditLog,
  ) {}

  private get policy() {
    return { windowMs: this.config.loginLockWindowMinutes * 60_000, lockMs: this.config.loginLockMinutes * 60_000 };
  }

  /**
   * The same answer and about the same time whether the login exists or not: unknown logins cost one
   * argon2 verification too, and the lock counts any login string, existing or not.
   */
  async signIn(
    login: string,
    password: string,
    client: { ip: string | null; userAgent: string | null },
  ): Promise<{ secret: string; view: SessionView }> {
    const route = 'POST /api/v1/session';
    const loginKey = sha256(`login\0${login.normalize('NFKC').toLowerCase()}`);
    const addressKey = sha256(`address\0${client.ip ?? ''}`);
    const user = await this.users.findForSignIn(login.normalize('NFKC'));
    const base = { tokenId: null, route, address: client.ip, subjectUserId: user?.id ?? null };
    const lockedUntil = await this.throttle.lockedUntil([loginKey, addressKey]);
    if (lockedUntil) {
      await this.audit.recordAccount({ ...base, action: 'sign_in_failed', userId: null, role: 'anonymous' });
      throw this.locked(lockedUntil);
    }
    const ok = (await verifyPassword(user?.passwordHash ?? null, password)) && user!.status === 'active';
    if (!ok) {
      await this.audit.recordAccount({ ...base, action: 'sign_in_failed', userId: null, role: 'anonymous' });
      const byLogin = await this.throttle.recordFailure(loginKey, 'login', { ...this.policy, threshold: this.config.loginLockThreshold });
      const byAddress = await this.throttle.recordFailure(addressKey, 'address', {
        ...this.policy,
        threshold: this.config.loginLockAddressThreshold,
      });
      if (byLogin.locked || byAddress.locked)
        await this.audit.recordAccount({ ...base, action: 'sign_in_locked', userId: null, role: 'anonymous' });
      throw new AppException(ErrorCode.Unauthorized, WRONG_CREDENTIALS);
    }
    await this.throttle.clear(loginKey);
    if (passwordNeedsRehash(user!.passwordHash!)) await this.users.rehash(user!.id, await hashPassword(password));
    await this.sessions.deleteExpired(this.config.sessionIdleMinutes);
    await this.throttle.deleteStale(this.policy.windowMs);
    const secret = randomBytes(32).toString('base64url');
    await this.sessions.create({
      sessionHash: sha256(secret),
      userId: user!.id,
      absoluteExpiresAt: new Date(Date.now() + this.config.sessionAbsoluteHours * 3600_000),
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
    });
    await this.users.recordSignIn(user!.id);
    await this.audit.recordAccount({ ...base, action: 'sign_in', userId: user!.id, role: user!.role });
    const found = await this.sessions.findValid(sha256(secret), this.config.sessionIdleMinutes, false);
    return { secret, view: this.view(found!.session, secret) };
  }

  private locked(until: Date): AppException {
    const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
    const at = until.toLocaleTimeString('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' });
    return new AppException(
      ErrorCode.SignInLocked,
      `サインインの失敗が続いたため、一時的にサインインできません。${Math.ceil(seconds / 60)} 分後（${at} 頃）に再度お試しください。`,
      { retryAfterSeconds: seconds, retryAt: until.toISOString() },
    );
  }

  /** The session behind a cookie; a background request (X-Background: 1) does not count as activity. */
  async resolve(secret: string, background: boolean, route: string): Promise<{ actor: Actor; session: SessionRow } | null> {
    const found = await this.sessions.findValid(sha256(secret), this.config.sessionIdleMinutes, !background);
    if (!found) return null;
    const s = found.session;
    const actor: Actor = {
      tokenId: null,
      userId: s.userId,
      displayName: s.displayName,
      sessionId: s.id,
      role: s.role,
      organizationId: s.organizationId,
      areas: s.areas?.length ? s.areas : null,
      organizationAdmin: s.organizationAdmin,
      route,
    };
    return { actor, session: s };
  }

  view(session: SessionRow, secret: string): SessionView {
    const idle = new Date(new Date(session.lastActivityAt).getTime() + this.config.sessionIdleMinutes * 60_000);
    const absolute = new Date(session.absoluteExpiresAt);
    return {
      user: {
        id: session.userId,
        displayName: session.displayName,
        role: session.role,
        organizationId: session.organizationId,
        areas: session.areas?.length ? session.areas : null,
      },
      csrfToken: csrfTokenFor(secret),
      idleExpiresAt: idle < absolute ? idle : absolute,
      absoluteExpiresAt: absolute,
    };
  }

  async signOut(secret: string, actor: Actor, address: string | null): Promise<void> {
    const ended = await this.sessions.deleteByHash(sha256(secret));
    if (ended)
      await this.audit.recordAccount({
        action: 'sign_out',
        userId: ended.userId,
        tokenId: null,
        role: actor.role,
        subjectUserId: ended.userId,
        route: actor.route,
        address,
      });
  }

  /** The caller as a person: the session's user, or the API token's owner (null fields for ADMIN_TOKEN). */
  async me(actor: Actor): Promise<MeView> {
    const user = actor.userId ? await this.users.findById(actor.userId) : null;
    return {
      id: user?.id ?? null,
      login: user?.login ?? null,
      displayName: actor.displayName ?? user?.displayName ?? '',
      role: actor.role,
      organizationId: actor.organizationId,
      areas: actor.areas,
      email: user?.email ?? null,
      organizationAdmin: user?.organizationAdmin ?? false,
    };
  }
}

export interface MeView {
  id: string | null;
  login: string | null;
  displayName: string;
  role: Role;
  organizationId: string | null;
  areas: string[] | null;
  email: string | null;
  organizationAdmin: boolean;
}
