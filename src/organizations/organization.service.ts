import { Injectable } from '@nestjs/common';
import { canSeeOrganization, hostOrganizationFilter } from '../access/access.rules';
import type { Actor } from '../auth/actor';
import { AppException } from '../common/app.exception';
import type { Page } from '../common/pagination';
import type { CreateOrganizationDto, ListOrganizationsQuery, UpdateOrganizationDto } from './dto/organization.dto';
import type { OrganizationEntity } from './organization.entity';
import { OrganizationRepository } from './organization.repository';

@Injectable()
export class OrganizationService {
  constructor(private readonly organizations: OrganizationRepository) {}

  create(dto: CreateOrganizationDto): Promise<OrganizationEntity> {
    return this.organizations.create(dto);
  }

  async get(actor: Actor, id: string): Promise<OrganizationEntity> {
    this.assertCanAccess(actor, id);
    const organization = await this.organizations.findById(id);
    if (!organization) throw AppException.notFound('受入先', id);
    return organization;
  }

  list(actor: Actor, query: ListOrganizationsQuery): Promise<Page<OrganizationEntity>> {
    return this.organizations.list(query, hostOrganizationFilter(actor));
  }

  async update(actor: Actor, id: string, dto: UpdateOrganizationDto): Promise<OrganizationEntity> {
    this.assertCanAccess(actor, id);
    // Whether a host counts as 開拓 is the coordinators' figure for the city, not the host's own claim.
    if (dto.developed !== undefined && actor.role === 'host') {
      throw AppException.forbidden('開拓として数えるかどうかは支援員が決めます。');
    }
    const updated = await this.organizations.update(id, dto);
    if (!updated) throw AppException.notFound('受入先', id);
    return updated;
  }

  /** A host token is bound to one organisation; another's id looks like it does not exist. */
  private assertCanAccess(actor: Actor, id: string): void {
    if (!canSeeOrganization(actor, id)) throw AppException.notFound('受入先', id);
  }
}
