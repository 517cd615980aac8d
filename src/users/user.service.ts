import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { InvitationService } from '../auth/invitation.service';
import { assertStaffInvitable } from '../access/access.rules';
import { AppException, ErrorCode } from '../common/app.exception';
import { OrganizationDirectory } from '../auth/organization-directory';
import type { CreateUserDto, InvitationLinkDto, ListUsersQuery, UpdateUserDto } from './dto/user.dto';
import { UserRepository, type User } from '../auth/user.repository';

/**
 * Staff accounts. Admins create every kind of user; a host's staff administrator (organizationAdmin, signed in)
 * invites colleagues of its own organisation (see access.rules assertStaffInvitable). Listing, changing and
 * disabling users and new links stay with admins. Several users may share an organisation or an area.
 */
@Injectable()
export class UserService {
  constructor(
    private readonly users: UserRepository,
    private readonly organizations: OrganizationDirectory,
    private readonly invitations: InvitationService,
    private readonly audit: AuditService,
  ) {}

  async create(dto: CreateUserDto, actor: Actor): Promise<InvitationLinkDto> {
    assertStaffInvitable(actor, dto);
    // A host's staff administrator invites into their own organisation.
    const organizationId = dto.organizationId ?? (actor.role === 'host' ? actor.organizationId : null);
    if (dto.role === 'host' && !organizationId)
      throw AppException.validation('organizationId', 'host には受入先（organizationId）の指定が必要です');
    if (dto.role !== 'host' && organizationId) throw AppException.validation('organizationId', 'organizationId は host にだけ指定できます');
    if (organizationId && !(await this.organizations.exists(organizationId))) {
      throw AppException.validation('organizationId', `受入先（id: ${organizationId}）が見つかりません`);
    }
    if (dto.areas?.length && dto.role !== 'coordinator')
      throw AppException.validation('areas', 'areas（担当地区）は coordinator にだけ指定できます');
    if (dto.organizationAdmin && dto.role !== 'host')
      throw AppException.validation('organizationAdmin', 'organizationAdmin（職員管理者）は host にだけ指定できます');
    if (await this.users.loginTaken(dto.login))
      throw new AppException(ErrorCode.Conflict, `ログイン ID「${dto.login}」はすでに使われています。`);
    const user = await this.users.create({
      login: dto.login,
      email: dto.email ?? null,
      displayName: dto.displayName,
      role: dto.role,
      organizationId,
      areas: dto.areas?.length ? dto.areas : null,
      organizationAdmin: dto.organizationAdmin ?? false,
    });
    await this.record(actor, 'user_created', user.id);
    return this.link(user, actor);
  }

  list(query: ListUsersQuery) {
    return this.users.list(query.page, query.limit, { role: query.role, organizationId: query.organizationId, status: query.status });
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw AppException.notFound('利用者', id);
    return user;
  }

  async update(id: string, dto: UpdateUserDto, actor: Actor): Promise<User> {
    const user = await this.get(id);
    if (dto.areas?.length && user.role !== 'coordinator')
      throw AppException.validation('areas', 'areas（担当地区）は coordinator にだけ指定できます');
    if (dto.organizationAdmin && user.role !== 'host')
      throw AppException.validation('organizationAdmin', 'organizationAdmin（職員管理者）は host にだけ指定できます');
    if (dto.status === 'disabled' && actor.userId === id) {
      throw new AppException(
        ErrorCode.CannotDisableSelf,
        'ご自分のアカウントは無効にできません。無効にする必要があれば、ほかの管理者に依頼してください。',
      );
    }
    if (dto.displayName !== undefined || dto.email !== undefined || dto.areas !== undefined || dto.organizationAdmin !== undefined) {
      await this.users.update(id, {
        displayName: dto.displayName,
        email: dto.email,
        areas: dto.areas === undefined ? undefined : dto.areas?.length ? dto.areas : null,
        organizationAdmin: dto.organizationAdmin,
      });
      await this.record(actor, 'user_updated', id);
    }
    if (dto.status === 'disabled' && user.status !== 'disabled') {
      await this.users.disable(id);
      await this.record(actor, 'user_disabled', id);
    } else if (dto.status === 'active' && user.status === 'disabled') {
      await this.users.enable(id);
      await this.record(actor, 'user_updated', id);
    }
    return this.get(id);
  }

  /** A new link: an invitation while no password is set, a password reset afterwards. */
  async issueLink(id: string, actor: Actor): Promise<InvitationLinkDto> {
    return this.link(await this.get(id), actor);
  }

  private async link(user: User, actor: Actor): Promise<InvitationLinkDto> {
    const issued = await this.invitations.issue(user, actor);
    return {
      id: user.id,
      status: user.status,
      invitationUrl: issued.invitationUrl,
      purpose: issued.purpose,
      invitationExpiresAt: issued.expiresAt,
      emailed: issued.emailed,
    };
  }

  /** Who is calling: the session's user, the token's owner, or (tokens without an owner) the token itself. */
  private record(actor: Actor, action: 'user_created' | 'user_updated' | 'user_disabled', subjectUserId: string): Promise<void> {
    return this.audit.recordAccount({
      action,
      userId: actor.userId ?? null,
      tokenId: actor.tokenId,
      role: actor.role,
      subjectUserId,
      route: actor.route,
      address: null,
    });
  }
}
