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
const SUMMARY_FIELDS = [
  'id',
  'title',
  'type',
  'typeLabel',
  'area',
  'organization',
  'schedule',
  'frequencyNote',
  'nearestStation',
  'accessMinutes',
  'capacity',
  'vacancies',
  'accommodations',
  'demands',
  'reward',
] as const;

type SummaryField = (typeof SUMMARY_FIELDS)[number];

/** What a search result shows of a resource: part of its view, with the type's label. */
export function toResourceSummary(r: Resource): Pick<ResourceView & { typeLabel: string }, SummaryField> {
  const view: ResourceView & { typeLabel: string } = { ...toResourceView(r), typeLabel: RESOURCE_TYPE_LABELS[r.type] };
  return Object.fromEntries(SUMMARY_FIELDS.map((field) => [field, view[field]])) as Pick<typeof view, SummaryField>;
}
