import { createHash } from 'node:crypto';
import {
  ACCOMMODATIONS,
  DEMAND_KIND_LABELS,
  DEMAND_LEVEL_LABELS,
  ORGANIZATION_KIND_LABELS,
  RESOURCE_TYPE_LABELS,
  REWARD_LABELS,
  type Accommodation,
  type Day,
  type DemandLevel,
  type OrganizationKind,
  type ResourceStatus,
  type ResourceType,
  type Reward,
} from '../common/catalogue.constants';

/**
 * The catalogue as Open Referral HSDS 3.1 (docs/hsds.md): organisation → organization, resource → service +
 * location + service_at_location, weekly slots → schedule, capacity → service_capacity, type / accommodations /
 * demands / reward → attributes whose terms belong to this service's published taxonomy. Catalogue data only.
 */
export const HSDS_VERSION = '3.1';
const NAMESPACE = 'sanka-shien-hsds';

/** Stable UUIDs for objects that have no row of their own (location, schedule, attribute…): same input, same id. */
export function derivedId(...parts: string[]): string {
  const hex = createHash('sha1')
    .update([NAMESPACE, ...parts].join('\u0000'))
    .digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const TAXONOMY_ID = derivedId('taxonomy');
export const TAXONOMY = {
  id: TAXONOMY_ID,
  name: 'sanka-shien',
  description: '参加支援 地域資源マッチングの分類（資源の種類・配慮・負担の程度・謝礼・団体の種類）',
  version: '1',
};

export interface TaxonomyTerm {
  id: string;
  code: string;
  name: string;
  description: string;
  parent_id?: string;
  taxonomy_id: string;
  language: string;
}

function term(code: string, name: string, description: string, parent?: string): TaxonomyTerm {
  return {
    id: derivedId('term', code),
    code,
    name,
    description,
    ...(parent ? { parent_id: derivedId('term', parent) } : {}),
    taxonomy_id: TAXONOMY_ID,
    language: 'ja',
  };
}

/** Every term of the taxonomy, in a stable order: groups first, then their terms. */
export const TAXONOMY_TERMS: TaxonomyTerm[] = [
  term('resource_type', '資源の種類', '居場所・就労体験・ボランティアなど'),
  ...Object.entries(RESOURCE_TYPE_LABELS).map(([c, l]) => term(`resource_type:${c}`, l, `資源の種類: ${l}`, 'resource_type')),
  term('accommodation', '配慮・受入れ条件', '受入先が用意できる配慮'),
  ...Object.entries(ACCOMMODATIONS).map(([c, l]) => term(`accommodation:${c}`, l, `配慮: ${l}`, 'accommodation')),
  term('demand', '活動の負担', '人と話す・体力・読み書きの程度（value は low / medium / high）'),
  ...Object.entries(DEMAND_KIND_LABELS).map(([c, l]) => term(`demand:${c}`, l, `負担: ${l}`, 'demand')),
  term('reward', '謝礼', '無償・謝礼・有償'),
  ...Object.entries(REWARD_LABELS).map(([c, l]) => term(`reward:${c}`, l, `謝礼: ${l}`, 'reward')),
  term('organization_kind', '団体の種類', '法人格・団体の種類'),
  ...Object.entries(ORGANIZATION_KIND_LABELS).map(([c, l]) => term(`organization_kind:${c}`, l, `団体の種類: ${l}`, 'organization_kind')),
  term('accepts_outside_eligibility', '対象外の受入れ', '本来の対象外の人も受け入れる'),
];
const TERM_BY_CODE = new Map(TAXONOMY_TERMS.map((t) => [t.code, t]));

export interface CatalogueOrganization {
  id: string;
  name: string;
  kind: OrganizationKind;
  kindLabel: string | null;
  area: string | null;
  contact: { person?: string; phone?: string; email?: string };
  notes: string | null;
}

export interface CatalogueResource {
  id: string;
  organizationId: string;
  organizationName: string;
  type: ResourceType;
  title: string;
  description: string;
  tasks: string[];
  area: string;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  nearestStation: string | null;
  accessMinutes: number | null;
  schedule: Array<{ day: Day; start: string; end: string }>;
  frequencyNote: string | null;
  capacity: number;
  vacancies: number;
  accommodations: string[];
  demandTalking: DemandLevel;
  demandPhysical: DemandLevel;
  demandLiteracy: DemandLevel;
  reward: Reward;
  acceptsOutsideEligibility: boolean;
  status: ResourceStatus;
  updatedAt: Date;
}

const BYDAY: Record<Day, string> = { mon: 'MO', tue: 'TU', wed: 'WE', thu: 'TH', fri: 'FR', sat: 'SA', sun: 'SU' };
const STATUS: Record<ResourceStatus, string> = { open: 'active', paused: 'temporarily closed', closed: 'inactive' };

function attribute(linkId: string, linkEntity: string, code: string, value?: string) {
  const t = TERM_BY_CODE.get(code)!;
  return {
    id: derivedId('attribute', linkId, code),
    link_id: linkId,
    link_type: code.split(':')[0],
    link_entity: linkEntity,
    taxonomy_term_id: t.id,
    taxonomy_term: t,
    ...(value !== undefined ? { value } : {}),
    label: t.name,
  };
}

export function toHsdsOrganization(o: CatalogueOrganization, full = true) {
  const base = {
    id: o.id,
    name: o.name,
    description: o.notes || `${o.kindLabel ?? ORGANIZATION_KIND_LABELS[o.kind]}${o.area ? `（${o.area}）` : ''}`,
    legal_status: o.kindLabel ?? ORGANIZATION_KIND_LABELS[o.kind],
    ...(o.contact.email ? { email: o.contact.email } : {}),
  };
  if (!full) return base;
  return {
    ...base,
    // The host's phone is published; the name of its contact person is not.
    phones: o.contact.phone ? [{ id: derivedId('phone', o.id), organization_id: o.id, number: o.contact.phone }] : [],
    attributes: [attribute(o.id, 'organization', `organization_kind:${o.kind}`, o.kindLabel ?? undefined)],
  };
}

/** HH:MM in Japan time, as HSDS asks times with their offset. */
const jst = (time: string) => `${time}+09:00`;

export function toHsdsService(r: CatalogueResource, organization?: CatalogueOrganization) {
  const locationId = derivedId('location', r.id);
  const salId = derivedId('service_at_location', r.id);
  const schedules = r.schedule.map((s) => ({
    id: derivedId('schedule', r.id, s.day, s.start, s.end),
    service_id: r.id,
    freq: 'WEEKLY',
    interval: 1,
    byday: BYDAY[s.day],
    opens_at: jst(s.start),
    closes_at: jst(s.end),
    timezone: 9,
    ...(r.frequencyNote ? { description: r.frequencyNote } : {}),
  }));
  if (!schedules.length && r.frequencyNote)
    schedules.push({ id: derivedId('schedule', r.id, 'note'), service_id: r.id, description: r.frequencyNote } as never);
  const attributes = [
    attribute(r.id, 'service', `resource_type:${r.type}`),
    ...r.accommodations.filter((a) => a in ACCOMMODATIONS).map((a) => attribute(r.id, 'service', `accommodation:${a as Accommodation}`)),
    attribute(r.id, 'service', 'demand:talking', r.demandTalking),
    attribute(r.id, 'service', 'demand:physical', r.demandPhysical),
    attribute(r.id, 'service', 'demand:literacy', r.demandLiteracy),
    attribute(r.id, 'service', `reward:${r.reward}`),
    ...(r.acceptsOutsideEligibility ? [attribute(r.id, 'service', 'accepts_outside_eligibility', 'true')] : []),
  ];
  const location = {
    id: locationId,
    location_type: 'physical',
    name: r.title,
    ...(r.organizationId ? { organization_id: r.organizationId } : {}),
    ...(r.nearestStation ? { transportation: `${r.nearestStation}${r.accessMinutes !== null ? `から${r.accessMinutes}分` : ''}` } : {}),
    ...(r.latitude !== null ? { latitude: r.latitude } : {}),
    ...(r.longitude !== null ? { longitude: r.longitude } : {}),
    addresses: r.address
      ? [
          {
            id: derivedId('address', r.id),
            location_id: locationId,
            address_1: r.address,
            city: r.area,
            region: r.area,
            state_province: '',
            postal_code: '',
            country: 'JP',
            address_type: 'physical',
          },
        ]
      : [],
  };
  return {
    id: r.id,
    organization_id: r.organizationId,
    name: r.title,
    description: r.description || RESOURCE_TYPE_LABELS[r.type],
    status: STATUS[r.status],
    fees_description: REWARD_LABELS[r.reward],
    ...(r.tasks.length ? { application_process: `作業・活動：${r.tasks.join('、')}` } : {}),
    last_modified: new Date(r.updatedAt).toISOString(),
    schedules,
    service_areas: [{ id: derivedId('service_area', r.id), service_id: r.id, name: r.area }],
    service_at_locations: [{ id: salId, service_id: r.id, location_id: locationId, location }],
    capacities: [
      {
        id: derivedId('capacity', r.id),
        service_id: r.id,
        unit: { id: derivedId('unit', 'person'), name: '人' },
        available: r.vacancies,
        maximum: r.capacity,
        description: '受入れ可能な人数（available は現在の空き）',
        updated: new Date(r.updatedAt).toISOString(),
      },
    ],
    attributes,
    ...(organization ? { organization: toHsdsOrganization(organization, false) } : {}),
  };
}

/** HSDS list paging (total_items, total_pages, page_number, size, first_page, last_page, empty, contents). */
export function hsdsPage<T>(contents: T[], total: number, page: number, perPage: number) {
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

export const DEMAND_LEVELS_BY_LABEL = DEMAND_LEVEL_LABELS;
