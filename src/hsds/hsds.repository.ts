import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CatalogueOrganization, CatalogueResource } from './hsds.mapper';

const RESOURCE = `r.id, r.organization_id AS "organizationId", o.name AS "organizationName", r.type, r.title, r.description, r.tasks,
  r.area, r.address, r.latitude, r.longitude, r.nearest_station AS "nearestStation", r.access_minutes AS "accessMinutes", r.schedule,
  r.frequency_note AS "frequencyNote", r.capacity, r.vacancies, r.accommodations, r.demand_talking AS "demandTalking",
  r.demand_physical AS "demandPhysical", r.demand_literacy AS "demandLiteracy", r.reward,
  r.accepts_outside_eligibility AS "acceptsOutsideEligibility", r.status, r.updated_at AS "updatedAt"`;
const FROM = 'resources r JOIN organizations o ON o.id = r.organization_id';
const ORGANIZATION = `o.id, o.name, o.kind, o.kind_label AS "kindLabel", o.area, o.contact, o.notes`;

/** Catalogue reads for HSDS: resources and hosts only, never anything about participants. */
@Injectable()
export class HsdsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async services(offset: number, limit: number): Promise<{ items: CatalogueResource[]; total: number }> {
    const [items, [{ total }]] = await Promise.all([
      this.dataSource.query(`SELECT ${RESOURCE} FROM ${FROM} ORDER BY r.created_at, r.id OFFSET $1 LIMIT $2`, [offset, limit]),
      this.dataSource.query(`SELECT count(*)::int AS total FROM resources`),
    ]);
    return { items, total };
  }

  async service(id: string): Promise<CatalogueResource | null> {
    const [row] = await this.dataSource.query(`SELECT ${RESOURCE} FROM ${FROM} WHERE r.id = $1`, [id]);
    return row ?? null;
  }

  async organizations(offset: number, limit: number, ids?: string[]): Promise<{ items: CatalogueOrganization[]; total: number }> {
    const filter = ids ? 'WHERE o.id = ANY($3::uuid[])' : '';
    const [items, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${ORGANIZATION} FROM organizations o ${filter} ORDER BY o.created_at, o.id OFFSET $1 LIMIT $2`,
        ids ? [offset, limit, ids] : [offset, limit],
      ),
      this.dataSource.query(
        `SELECT count(*)::int AS total FROM organizations o ${ids ? 'WHERE o.id = ANY($1::uuid[])' : ''}`,
        ids ? [ids] : [],
      ),
    ]);
    return { items, total };
  }

  async organizationServices(organizationId: string): Promise<CatalogueResource[]> {
    return this.dataSource.query(`SELECT ${RESOURCE} FROM ${FROM} WHERE r.organization_id = $1 ORDER BY r.created_at, r.id`, [
      organizationId,
    ]);
  }
}
