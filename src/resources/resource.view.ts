import type { ResourceWithOrganization } from './resource.repository';

/** What the API returns for a resource: no search internals, embedding state summarised. */
export function toResourceView(r: ResourceWithOrganization) {
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
