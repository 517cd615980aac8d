import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AppException, ErrorCode } from '../common/app.exception';
import { AppConfig } from '../config/app-config';
import { PUBLIC_KEY, PUBLIC_WHEN_KEY, ROLES_KEY, type Actor } from './actor';
import type { Role } from './api-token.entity';
import { ApiTokenService } from './api-token.service';
import { BACKGROUND_HEADER, crossSiteReason, hasCsrfProof, isUnsafeMethod, readSessionSecret } from './session-cookie';
import { SessionService } from './session.service';

export type AuthenticatedRequest = Request & { actor?: Actor; sessionSecret?: string };

/**
 * Global guard: every route must declare @Public() or @Roles(...); anything else is refused. A caller is
 * either a bearer token (automation, integrations) or a browser session cookie; a cookie request that
 * changes something also needs the CSRF header and must not come from another site.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: ApiTokenService,
    private readonly sessions: SessionService,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const publicWhen = this.reflector.getAllAndOverride<'hsdsPublic' | undefined>(PUBLIC_WHEN_KEY, targets);
    if (publicWhen && this.config[publicWhen]) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const actor = await this.resolveActor(request);
    if (!roles || roles.length === 0) {
      this.logger.error({ route: request.route?.path }, 'route has no access rule: refused');
      throw AppException.forbidden();
    }
    if (!roles.includes(actor.role)) throw AppException.forbidden();
    request.actor = actor;
    return true;
  }

  private async resolveActor(request: AuthenticatedRequest): Promise<Actor> {
    const route = `${request.method} ${request.route?.path ?? request.path}`;
    const header = request.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw new AppException(ErrorCode.Unauthorized, 'Authorization ヘッダーは「Bearer <トークン>」の形で送ってください。');
      const actor = await this.tokens.authenticate(match[1], route);
      if (!actor)
        throw new AppException(ErrorCode.Unauthorized, 'トークンが無効です（未登録・失効・期限切れ、または持ち主の利用者が無効）。');
      return actor;
    }
    const secret = readSessionSecret(request);
    if (!secret) {
      throw new AppException(
        ErrorCode.Unauthorized,
        'サインインが必要です（ブラウザではサインイン、API では Authorization: Bearer <トークン> ヘッダー）。',
      );
    }
    const unsafe = isUnsafeMethod(request.method);
    // Checked before the session is looked up, so that a forged request does not even count as activity.
    const crossSite = crossSiteReason(request, this.config.publicUrl);
    if (unsafe && crossSite) throw AppException.forbidden(crossSite);
    if (unsafe && !hasCsrfProof(request, secret)) {
      throw AppException.forbidden(
        'この操作には X-CSRF-Token ヘッダー（サインイン時に受け取った csrfToken）が必要です。画面を再読み込みしてからやり直してください。',
      );
    }
    const resolved = await this.sessions.resolve(secret, request.headers[BACKGROUND_HEADER] === '1', route);
    if (!resolved)
      throw new AppException(
        ErrorCode.Unauthorized,
        'サインインの有効期限が切れたか、サインアウトしています。もう一度サインインしてください。',
      );
    request.sessionSecret = secret;
    return resolved.actor;
  }
}
