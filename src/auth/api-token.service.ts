import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { AppException, ErrorCode } from '../common/app.exception';
import { OrganizationDirectory } from './organization-directory';
import type { Actor } from './actor';
import { ApiTokenEntity } from './api-token.entity';
import { ApiTokenRepository } from './api-token.repository';
import type { CreateTokenDto } from './dto/create-token.dto';

export function hashToken(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

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
      return { tokenId: null, role: 'admin', organizationId: null, areas: null, route };
    }
    const token = await this.tokens.findByHash(hash);
    if (!token || token.revokedAt || (token.expiresAt && token.expiresAt.getTime() <= Date.now())) return null;
    this.tokens.touch(token.id).catch((err) => this.logger.warn({ err: String(err) }, 'could not record token use'));
    return {
      tokenId: token.id,
      role: token.role,
      organizationId: token.organizationId,
      areas: token.areas?.length ? token.areas : null,
      route,
    };
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
    const saved = await this.tokens.create({
      name: dto.name,
      role: dto.role,
      organizationId,
      tokenHash: hashToken(secret),
      expiresAt,
      areas: dto.areas?.length ? dto.areas : null,
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
