import { RESOURCE_TYPE_LABELS } from '../common/catalogue.constants';
import type { Resource } from './resource.columns';

/** What the API returns for a resource: no search internals, embedding state summarised. */
export function toResourceView(r: Resource) {
  return {
    id: r.id,
    organizationId: r.organizationId,
    organization: { id: r.organizationId, name: r.organizationName },
    type: r.type,
    title: r.title,
    description: r.description,
    tasks: r.tasks,
    area: r.area,
    address: r.address,
    latitude: r.latitude,
    longitude: r.longitude,
    nearestStation: r.nearestStation,
    accessMinutes: r.accessMinutes,
    schedule: r.schedule,
    frequencyNote: r.frequencyNote,
    capacity: r.capacity,
    vacancies: r.vacancies,
    accommodations: r.accommodations,
    demands: { talking: r.demandTalking, physical: r.demandPhysical, literacy: r.demandLiteracy },
    reward: r.reward,
    acceptsOutsideEligibility: r.acceptsOutsideEligibility,
    status: r.status,
    embedding: { status: r.embeddingStatus, model: r.embeddingModel, embeddedAt: r.embeddedAt },
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export type ResourceView = ReturnType<typeof toResourceView>;

/** The fields of a search result's resource, in response order (typeLabel is added for display). */
type SummaryField =
  | 'id'
  | 'title'
  | 'type'
  | 'typeLabel'
  | 'area'
  | 'organization'
  | 'schedule'
  | 'frequencyNote'
  | 'nearestStation'
  | 'accessMinutes'
  | 'capacity'
  | 'vacancies'
  | 'accommodations'
  | 'demands'
  | 'reward';

/** The properties of a resource that a search result shows: the search reads only these (and what ranking needs). */
export const SUMMARY_PROPERTIES = [
  'id',
  'title',
  'type',
  'area',
  'organizationId',
  'organizationName',
  'schedule',
  'frequencyNote',
  'nearestStation',
  'accessMinutes',
  'capacity',
  'vacancies',
  'accommodations',
  'demandTalking',
  'demandPhysical',
  'demandLiteracy',
  'reward',
] as const satisfies readonly (keyof Resource)[];

export type ResourceSummarySource = Pick<Resource, (typeof SUMMARY_PROPERTIES)[number]>;

/** What a search result shows of a resource: part of its view (same fields, same order), with the type's label. */
export function toResourceSummary(r: ResourceSummarySource): Pick<ResourceView & { typeLabel: string }, SummaryField> {
  return {
    id: r.id,
    title: r.title,
    type: r.type,
    typeLabel: RESOURCE_TYPE_LABELS[r.type],
    area: r.area,
    organization: { id: r.organizationId, name: r.organizationName },
    schedule: r.schedule,
    frequencyNote: r.frequencyNote,
    nearestStation: r.nearestStation,
    accessMinutes: r.accessMinutes,
    capacity: r.capacity,
    vacancies: r.vacancies,
    accommodations: r.accommodations,
    demands: { talking: r.demandTalking, physical: r.demandPhysical, literacy: r.demandLiteracy },
    reward: r.reward,
  };
}
