import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppException, ErrorCode } from '../common/app.exception';
import { AppConfig } from '../config/app-config';
import { CurrentActor, Public, Roles, type Actor } from './actor';
import type { AuthenticatedRequest } from './auth.guard';
import { AcceptedInvitationDto, AcceptInvitationDto, MeDto, SessionDto, SignInDto } from './dto/session.dto';
import { InvitationService } from './invitation.service';
import { clearedSessionCookie, crossSiteReason, sessionCookie, sha256 } from './session-cookie';
import { SessionRepository } from './session.repository';
import { SessionService } from './session.service';

const ALL_ROLES = ['admin', 'coordinator', 'host', 'viewer'] as const;

@ApiTags('session')
@Controller('api/v1')
export class SessionController {
  constructor(
    private readonly config: AppConfig,
    private readonly service: SessionService,
    private readonly sessions: SessionRepository,
    private readonly invitations: InvitationService,
  ) {}

  private secure(request: Request): boolean {
    return request.secure || this.config.publicUrl.startsWith('https:');
  }

  @Post('session')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'パスワードでサインインする（httpOnly・SameSite=Strict の Cookie「sanka_session」を設定）',
    description:
      '失敗が続くとログイン ID ごと・接続元ごとに一時的にロックされます（423、Retry-After）。応答の csrfToken を、Cookie で認証する POST/PUT/PATCH/DELETE の X-CSRF-Token ヘッダーに付けてください。',
  })
  @ApiOkResponse({ type: SessionDto })
  @ApiUnauthorizedResponse({ description: 'ログイン ID またはパスワードが正しくない（どちらかは明かしません）' })
  @ApiResponse({ status: 423, description: ' 失敗が続いたため一時的にロック中（retryAfterSeconds, retryAt）' })
  async signIn(@Body() dto: SignInDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<SessionDto> {
    const crossSite = crossSiteReason(request, this.config.publicUrl);
    if (crossSite) throw AppException.forbidden(crossSite);
    const { secret, view } = await this.service.signIn(dto.login, dto.password, {
      ip: request.ip ?? null,
      userAgent: request.headers['user-agent'] ?? null,
    });
    response.setHeader('Set-Cookie', sessionCookie(secret, this.secure(request)));
    response.setHeader('Cache-Control', 'no-store');
    return view;
  }

  @Get('session')
  @Roles(...ALL_ROLES)
  @ApiCookieAuth()
  @ApiHeader({
    name: 'X-Background',
    required: false,
    description: '1: 自動の問い合わせ（通知バッジなど）。操作に数えず、無操作の時間を延ばしません',
  })
  @ApiOperation({ summary: '今のセッション（残り時間と csrfToken）。X-Background: 1 なら無操作の時間を延ばさない' })
  @ApiOkResponse({ type: SessionDto })
  @ApiNotFoundResponse({ description: 'API トークンで呼んだとき（セッションはありません）' })
  async current(@Req() request: AuthenticatedRequest, @Res({ passthrough: true }) response: Response): Promise<SessionDto> {
    if (!request.sessionSecret)
      throw new AppException(
        ErrorCode.NotFound,
        'ブラウザのセッションでサインインしていません（API トークンにはセッションがありません）。',
      );
    const found = await this.sessions.findValid(sha256(request.sessionSecret), this.config.sessionIdleMinutes, false);
    if (!found)
      throw new AppException(
        ErrorCode.Unauthorized,
        'サインインの有効期限が切れたか、サインアウトしています。もう一度サインインしてください。',
      );
    response.setHeader('Cache-Control', 'no-store');
    return this.service.view(found.session, request.sessionSecret);
  }

  @Delete('session')
  @Roles(...ALL_ROLES)
  @ApiCookieAuth()
  @HttpCode(204)
  @ApiOperation({ summary: 'サインアウトする（サーバー側のセッションを削除し、Cookie を消す）' })
  @ApiNoContentResponse()
  async signOut(
    @CurrentActor() actor: Actor,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    if (request.sessionSecret) await this.service.signOut(request.sessionSecret, actor, request.ip ?? null);
    response.setHeader('Set-Cookie', clearedSessionCookie(this.secure(request)));
  }

  @Get('me')
  @Roles(...ALL_ROLES)
  @ApiCookieAuth()
  @ApiOperation({ summary: '呼び出している利用者（セッションの利用者、または API トークンの持ち主）' })
  @ApiOkResponse({ type: MeDto })
  me(@CurrentActor() actor: Actor): Promise<MeDto> {
    return this.service.me(actor);
  }

  @Post('invitations/accept')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: '招待・再設定リンクでパスワードを設定する（リンクは 1 回限り。設定するとその利用者の既存のセッションは終了）' })
  @ApiOkResponse({ type: AcceptedInvitationDto })
  async accept(@Body() dto: AcceptInvitationDto, @Req() request: Request): Promise<AcceptedInvitationDto> {
    const crossSite = crossSiteReason(request, this.config.publicUrl);
    if (crossSite) throw AppException.forbidden(crossSite);
    const user = await this.invitations.accept(dto.token, dto.password, request.ip ?? null);
    return { login: user.login, displayName: user.displayName, status: 'active' };
  }
}
