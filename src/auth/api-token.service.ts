import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { AppException, ErrorCode } from '../common/app.exception';
import { OrganizationDirectory } from './organization-directory';
import type { Actor } from './actor';
import { ApiTokenEntity } from './api-token.entity';
import { ApiTokenRepository } from './api-token.repository';
import type { CreateTokenDto } from './dto/create-token.dto';
import { tokenRights } from './token-rights';

export function hashToken(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** last_used_at is kept to the minute. */
const TOUCH_INTERVAL_MS = 60_000;

@Injectable()
export class ApiTokenService {
  private readonly logger = new Logger(ApiTokenService.name);
  private readonly adminTokenHash: Buffer | null;

  constructor(
    config: AppConfig,
    private readonly tokens: ApiTokenRepository,
    private readonly organizations: OrganizationDirectory,
  ) {
    this.adminTokenHash = config.adminToken ? Buffer.from(hashToken(config.adminToken), 'hex') : null;
  }

  /** Resolves a bearer secret to an actor, or null when it is unknown, revoked or expired. */
  async authenticate(secret: string, route: string): Promise<Actor | null> {
    const hash = hashToken(secret);
    if (this.adminTokenHash && timingSafeEqual(this.adminTokenHash, Buffer.from(hash, 'hex'))) {
      return { tokenId: null, userId: null, displayName: 'ADMIN_TOKEN', role: 'admin', organizationId: null, areas: null, route };
    }
    const token = await this.tokens.findByHash(hash);
    if (!token || token.revokedAt || (token.expiresAt && token.expiresAt.getTime() <= Date.now())) return null;
    const owner = token.userId ? await this.tokens.owner(token.userId) : null;
    const rights = tokenRights(
      { role: token.role, organizationId: token.organizationId, areas: token.areas?.length ? token.areas : null },
      owner,
    );
    if (!rights) return null;
    // Recorded to the minute (as the UPDATE's own guard says): a token used within the last minute, by the row just
    // read, costs no write and no round trip (before, every request sent the UPDATE to the single-session database).
    if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() >= TOUCH_INTERVAL_MS) {
      this.tokens.touch(token.id).catch((err) => this.logger.warn({ err: String(err) }, 'could not record token use'));
    }
    return { tokenId: token.id, userId: token.userId, displayName: owner?.displayName ?? token.name, ...rights, route };
  }

  async create(dto: CreateTokenDto): Promise<{ token: string } & ApiTokenEntity> {
    const organizationId = dto.organizationId ?? null;
    if (dto.role === 'host' && !organizationId) {
      throw AppException.validation('organizationId', 'host トークンには受入先（organizationId）の指定が必要です');
    }
    if (dto.role !== 'host' && organizationId) {
      throw AppException.validation('organizationId', 'organizationId は host トークンにだけ指定できます');
    }
    if (organizationId && !(await this.organizations.exists(organizationId))) {
      throw AppException.validation('organizationId', `受入先（id: ${organizationId}）が見つかりません`);
    }
    const expiresAt = dto.expiresAt ? new Date(dto.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) {
      throw AppException.validation('expiresAt', '有効期限は未来の日時を指定してください');
    }
    const secret = `sk_${randomBytes(32).toString('base64url')}`;
    if (dto.areas?.length && dto.role !== 'coordinator')
      throw AppException.validation('areas', 'areas（担当地区の限定）は coordinator トークンにだけ指定できます');
    const userId = dto.userId ?? null;
    if (userId) {
      const owner = await this.tokens.owner(userId);
      if (!owner) throw AppException.validation('userId', `利用者（id: ${userId}）が見つかりません`);
      const rights = tokenRights({ role: dto.role, organizationId, areas: dto.areas?.length ? dto.areas : null }, owner);
      if (!rights)
        throw AppException.validation(
          'userId',
          'トークンには持ち主（利用者）の権限を超える役割・受入先・地区を指定できません（無効にされた利用者のトークンも作れません）',
        );
    }
    const saved = await this.tokens.create({
      name: dto.name,
      role: dto.role,
      organizationId,
      tokenHash: hashToken(secret),
      expiresAt,
      areas: dto.areas?.length ? dto.areas : null,
      userId,
    });
    return { ...saved, token: secret };
  }

  list(): Promise<ApiTokenEntity[]> {
    return this.tokens.list();
  }

  async revoke(id: string): Promise<void> {
    if (!(await this.tokens.findById(id))) throw new AppException(ErrorCode.NotFound, `トークン（id: ${id}）が見つかりません。`);
    await this.tokens.revoke(id);
  }
}
