import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ExportRow } from './catalogue-export';

/** The whole catalogue, read for the template export (resources with their hosts, oldest first). */
@Injectable()
export class CatalogueRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  all(): Promise<ExportRow[]> {
    return this.dataSource.query(
      `SELECT r.id, r.external_id AS "externalId", o.name AS "organizationName", o.kind AS "organizationKind",
              o.kind_label AS "organizationKindLabel", o.contact, r.type, r.title, r.description, r.tasks, r.area, r.address,
              r.nearest_station AS "nearestStation", r.access_minutes AS "accessMinutes", r.schedule, r.frequency_note AS "frequencyNote",
              r.capacity, r.vacancies, r.accommodations, r.demand_talking AS "demandTalking", r.demand_physical AS "demandPhysical",
              r.demand_literacy AS "demandLiteracy", r.reward, r.accepts_outside_eligibility AS "acceptsOutsideEligibility", r.status
         FROM resources r JOIN organizations o ON o.id = r.organization_id
        ORDER BY r.created_at, r.id`,
    );
  }
}
