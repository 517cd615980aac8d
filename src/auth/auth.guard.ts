import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AppException, ErrorCode } from '../common/app.exception';
import { PUBLIC_KEY, ROLES_KEY, type Actor } from './actor';
import type { Role } from './api-token.entity';
import { ApiTokenService } from './api-token.service';

/** Global guard: every route must declare @Public() or @Roles(...); anything else is refused. */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: ApiTokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    const request = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const actor = await this.resolveActor(request);
    if (!roles || roles.length === 0) {
      this.logger.error({ route: request.route?.path }, 'route has no access rule: refused');
      throw AppException.forbidden();
    }
    if (!roles.includes(actor.role)) throw AppException.forbidden();
    request.actor = actor;
    return true;
  }

  private async resolveActor(request: Request): Promise<Actor> {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) {
      throw new AppException(ErrorCode.Unauthorized, 'Authorization: Bearer <トークン> ヘッダーが必要です。');
    }
    const actor = await this.tokens.authenticate(match[1], `${request.method} ${request.route?.path ?? request.path}`);
    if (!actor) throw new AppException(ErrorCode.Unauthorized, 'トークンが無効です（未登録・失効・期限切れ）。');
    return actor;
  }
}
