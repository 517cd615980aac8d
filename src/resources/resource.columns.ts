import type { ResourceEntity } from './resource.entity';

/** A resource as the catalogue and the search read it: every column, and the host's name. */
export interface Resource extends Omit<ResourceEntity, 'organization'> {
  organizationName: string;
}

/**
 * The one list of a resource's columns: property → column. Typed against the entity, so a column
 * added there and not here (or the other way round) fails to compile.
 */
const RESOURCE_COLUMNS: { readonly [K in keyof Omit<ResourceEntity, 'organization'>]-?: string } = {
  id: 'id',
  organizationId: 'organization_id',
  type: 'type',
  title: 'title',
  description: 'description',
  tasks: 'tasks',
  area: 'area',
  address: 'address',
  latitude: 'latitude',
  longitude: 'longitude',
  nearestStation: 'nearest_station',
  accessMinutes: 'access_minutes',
  schedule: 'schedule',
  scheduleDays: 'schedule_days',
  frequencyNote: 'frequency_note',
  capacity: 'capacity',
  vacancies: 'vacancies',
  accommodations: 'accommodations',
  concepts: 'concepts',
  demandTalking: 'demand_talking',
  demandPhysical: 'demand_physical',
  demandLiteracy: 'demand_literacy',
  reward: 'reward',
  acceptsOutsideEligibility: 'accepts_outside_eligibility',
  status: 'status',
  contentHash: 'content_hash',
  embeddingModel: 'embedding_model',
  embeddingStatus: 'embedding_status',
  embeddingError: 'embedding_error',
  embeddedAt: 'embedded_at',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
};

const PROPERTIES = [...(Object.keys(RESOURCE_COLUMNS) as Array<keyof typeof RESOURCE_COLUMNS>), 'organizationName'] as const;

/** `resources r` joined with its host `o`: the FROM that RESOURCE_SELECT reads. */
export const RESOURCE_FROM = 'resources r JOIN organizations o ON o.id = r.organization_id';

/** The SELECT list of a resource over RESOURCE_FROM, aliased to the properties toResource expects. */
export const RESOURCE_SELECT = [
  ...Object.entries(RESOURCE_COLUMNS).map(([property, column]) => (property === column ? `r.${column}` : `r.${column} AS "${property}"`)),
  'o.name AS "organizationName"',
].join(', ');

/** The SELECT list of some of a resource's properties over RESOURCE_FROM (a search reads only what ranking shows). */
export function resourceSelectOf(properties: readonly (keyof Resource)[]): string {
  return properties
    .map((property) => {
      if (property === 'organizationName') return 'o.name AS "organizationName"';
      const column = RESOURCE_COLUMNS[property];
      return property === column ? `r.${column}` : `r.${column} AS "${property}"`;
    })
    .join(', ');
}

/** A row selected with RESOURCE_SELECT (and possibly more columns, left out) → a resource. */
export function toResource(row: Record<string, unknown>): Resource {
  const resource: Record<string, unknown> = {};
  for (const property of PROPERTIES) resource[property] = row[property];
  return resource as unknown as Resource;
}
