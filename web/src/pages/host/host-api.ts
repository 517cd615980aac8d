import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

/*
 * Local shapes of the catalogue and placement routes: they declare no response DTO in the OpenAPI
 * document yet (schema.d.ts types them as unknown). Replace with components['schemas'][…] when they do.
 */
export interface ScheduleSlot {
  day: string;
  start: string;
  end: string;
}

export interface Opening {
  id: string;
  organizationId: string;
  organization: { id: string; name: string };
  type: string;
  title: string;
  description: string;
  tasks: string[];
  area: string;
  schedule: ScheduleSlot[];
  frequencyNote: string | null;
  capacity: number;
  vacancies: number;
  accommodations: string[];
  demands: { talking: string | null; physical: string | null; literacy: string | null };
  reward: string | null;
  status: 'open' | 'paused' | 'closed';
  updatedAt: string;
}

export interface SensitiveItem {
  field: string;
  label: string;
  category: string;
  value: string | null;
}

/** The consent-scoped projection: only the fields the person chose, sensitive ones labelled. */
export interface HostPerson {
  displayName?: string | null;
  ageBand?: string | null;
  strengths?: string | null;
  considerationsForHost?: string | null;
  sensitive?: SensitiveItem[];
}

export interface HostCheckpoint {
  id: string;
  dueOn: string;
  /** The first day its view can be recorded (a few days before dueOn). */
  opensOn: string;
  status: string;
  dayOffset: number;
  isFinal: boolean;
  hostFeedback?: string | null;
}

export interface HostPlacement {
  id: string;
  state: string;
  stateLabel: string;
  resource: { id: string; title: string; organization: { id: string; name: string } };
  visitDate: string | null;
  trialDate: string | null;
  proposedAt: string;
  activeAt: string | null;
  closedAt: string | null;
  participant: HostPerson | null;
  followUp?: { endsOn: string; checkpoints: HostCheckpoint[] } | null;
}

export interface PageOf<T> {
  items: T[];
  total: number;
  page: number;
  limit: number;
}

export interface Organization {
  id: string;
  name: string;
  kind: string;
  area: string | null;
  contact: { person?: string; phone?: string; email?: string } | null;
  notes: string | null;
  developmentStatus: 'developing' | 'accepting' | 'suspended';
  createdAt: string;
  updatedAt?: string;
}

export const hostKeys = {
  openings: ['host', 'openings'] as const,
  opening: (id: string) => ['host', 'openings', id] as const,
  referrals: ['host', 'referrals'] as const,
  referral: (id: string) => ['host', 'referrals', id] as const,
  organization: (id: string) => ['host', 'organization', id] as const,
  settings: ['web-settings'] as const,
};

export async function listOpenings(): Promise<Opening[]> {
  const page = (await unwrap(api.GET('/api/v1/resources', { params: { query: { limit: 100 } } }))) as unknown as PageOf<Opening>;
  return page.items;
}

export async function getOpening(id: string): Promise<Opening> {
  return (await unwrap(api.GET('/api/v1/resources/{id}', { params: { path: { id } } }))) as unknown as Opening;
}

export async function adjustVacancies(id: string, delta: number): Promise<Opening> {
  return (await unwrap(api.POST('/api/v1/resources/{id}/vacancies', { params: { path: { id } }, body: { delta } }))) as unknown as Opening;
}

// The generated types mark `status` required because it has a default (the service fills it in).
type FullPatch = components['schemas']['UpdateResourceDto'];
type FullCreate = components['schemas']['CreateResourceDto'];
export type ResourcePatch = Partial<components['schemas']['UpdateResourceDto']>;
export type ResourceCreate = Omit<components['schemas']['CreateResourceDto'], 'status'> & { status?: 'open' | 'paused' | 'closed' };

export async function updateOpening(id: string, body: ResourcePatch): Promise<Opening> {
  return (await unwrap(api.PATCH('/api/v1/resources/{id}', { params: { path: { id } }, body: body as FullPatch }))) as unknown as Opening;
}

export async function createOpening(body: ResourceCreate): Promise<Opening> {
  return (await unwrap(api.POST('/api/v1/resources', { body: body as FullCreate }))) as unknown as Opening;
}

export async function listReferrals(): Promise<HostPlacement[]> {
  const page = (await unwrap(api.GET('/api/v1/placements', { params: { query: { limit: 100 } } }))) as unknown as PageOf<HostPlacement>;
  return page.items;
}

export async function getReferral(id: string): Promise<HostPlacement> {
  return (await unwrap(api.GET('/api/v1/placements/{id}', { params: { path: { id } } }))) as unknown as HostPlacement;
}

export async function getOrganization(id: string): Promise<Organization> {
  return (await unwrap(api.GET('/api/v1/organizations/{id}', { params: { path: { id } } }))) as unknown as Organization;
}

export async function getWebSettings() {
  return unwrap(api.GET('/api/v1/web-settings'));
}

/** Whole days since a moment (for the "not updated for N days" reminder). */
export function daysSince(iso: string, now = Date.now()): number {
  return Math.floor((now - new Date(iso).getTime()) / 86_400_000);
}
