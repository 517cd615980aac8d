import { randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AppException } from '../common/app.exception';
import { AppConfig } from '../config/app-config';
import { AccountAuditLog } from './account-audit';
import { UserRepository, type User } from './user.repository';
import type { Actor } from './actor';
import { InvitationRepository, type InvitationPurpose } from './invitation.repository';
import { MailRepository } from './mail.repository';
import { checkPasswordPolicy, hashPassword } from './password';
import { sha256 } from './session-cookie';

export const INVITATION_HOURS = 72;

export interface IssuedLink {
  invitationUrl: string;
  purpose: InvitationPurpose;
  expiresAt: Date;
  /** True when the link was also sent to the user's e-mail address. */
  emailed: boolean;
}

/** Builds the link handed to a person: the secret is its last path segment. */
export function invitationUrl(publicUrl: string, secret: string): string {
  return `${publicUrl}/invitation/${secret}`;
}

/** One-time links (invitation or password reset): random, hashed at rest, 72 h, single use. */
@Injectable()
export class InvitationService {
  private readonly logger = new Logger(InvitationService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly invitations: InvitationRepository,
    private readonly users: UserRepository,
    private readonly mail: MailRepository,
    private readonly audit: AccountAuditLog,
  ) {}

  /** A new link replaces the user's earlier unused ones. Invitation while no password is set, reset afterwards. */
  async issue(user: User, actor: Pick<Actor, 'userId' | 'tokenId' | 'role' | 'route'>): Promise<IssuedLink> {
    if (user.status === 'disabled')
      throw AppException.validation('status', '無効にされた利用者にはリンクを発行できません。先に有効に戻してください');
    const purpose: InvitationPurpose = user.status === 'invited' ? 'invite' : 'reset';
    const secret = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + INVITATION_HOURS * 3600_000);
    await this.invitations.create({
      tokenHash: sha256(secret),
      userId: user.id,
      purpose,
      createdByUserId: actor.userId ?? null,
      expiresAt,
    });
    await this.audit.recordAccount({
      action: purpose === 'invite' ? 'invitation_issued' : 'reset_issued',
      userId: actor.userId ?? null,
      tokenId: actor.tokenId,
      role: actor.role,
      subjectUserId: user.id,
      route: actor.route,
      address: null,
    });
    const url = invitationUrl(this.config.publicUrl, secret);
    return { invitationUrl: url, purpose, expiresAt, emailed: await this.sendMail(user, purpose, url, expiresAt) };
  }

  private async sendMail(user: User, purpose: InvitationPurpose, url: string, expiresAt: Date): Promise<boolean> {
    if (!this.mail.enabled || !user.email) return false;
    const until = expiresAt.toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo', dateStyle: 'long', timeStyle: 'short' });
    const subject = purpose === 'invite' ? '【参加支援マッチング】アカウントへのご招待' : '【参加支援マッチング】パスワード再設定のご案内';
    const text = [
      `${user.displayName} 様`,
      '',
      purpose === 'invite' ? '参加支援マッチングサービスのアカウントが作成されました。' : 'パスワード再設定の依頼を受け付けました。',
      `次のリンクを開き、${until} までにパスワードを設定してください（リンクは 1 回だけ使えます）。`,
      url,
      '',
      `ログイン ID: ${user.login}`,
      '',
      'お心当たりがない場合は、このメールを破棄し、管理者にお知らせください。',
    ].join('\n');
    try {
      await this.mail.send({ to: user.email, subject, text });
      return true;
    } catch (err) {
      // The admin still sees the link and can pass it on; no address or link in the log.
      this.logger.warn({ err: err instanceof Error ? err.name : 'error', userId: user.id }, 'could not send the invitation e-mail');
      return false;
    }
  }

  /** Sets the password through a link. The link is used up only when the password is accepted. */
  async accept(secret: string, password: string, address: string | null): Promise<User> {
    const invalid = () =>
      AppException.validation(
        'token',
        'このリンクは使えません（使用済み、期限切れ、または新しいリンクが発行されています）。管理者に新しいリンクを依頼してください',
      );
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(secret)) throw invalid();
    const tokenHash = sha256(secret);
    const link = await this.invitations.findUsable(tokenHash);
    if (!link) throw invalid();
    const user = (await this.users.findById(link.userId))!;
    const reason = checkPasswordPolicy(password, { login: user.login, displayName: user.displayName });
    if (reason) throw AppException.validation('password', reason);
    const passwordHash = await hashPassword(password);
    const used = await this.invitations.transaction(async (m) => {
      if (!(await this.invitations.consume(m, tokenHash, user.id))) return false;
      await this.users.setPassword(user.id, passwordHash, m);
      return true;
    });
    if (!used) throw invalid();
    const base = {
      userId: user.id,
      tokenId: null,
      role: user.role,
      subjectUserId: user.id,
      route: 'POST /api/v1/invitations/accept',
      address,
    };
    await this.audit.recordAccount({ ...base, action: 'invitation_accepted' });
    await this.audit.recordAccount({ ...base, action: 'password_changed' });
    return (await this.users.findById(user.id))!;
  }
}
