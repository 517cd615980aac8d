import type { Accommodation, Day, DemandLevel, ResourceStatus, ResourceType, Reward } from '../common/catalogue.constants';
import { ACCOMMODATIONS, DAYS, ORGANIZATION_KIND_LABELS, RESOURCE_TYPE_LABELS } from '../common/catalogue.constants';
import { parseOrganizationKind, parseResourceType, type Slot } from './cell-parsers';
import type { ImportRecord } from './import.record';

type Json = Record<string, unknown>;
const BYDAY: Record<string, Day> = { MO: 'mon', TU: 'tue', WE: 'wed', TH: 'thu', FR: 'fri', SA: 'sat', SU: 'sun' };
const STATUS: Record<string, ResourceStatus> = { active: 'open', 'temporarily closed': 'paused', inactive: 'closed', defunct: 'closed' };

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v.filter((x) => x && typeof x === 'object') as Json[]) : []);

/**
 * An HSDS dataset → the same records as a spreadsheet row, so that its import has the same preview and the
 * same update-not-duplicate rule (services are matched on their HSDS id, kept as the external id). Accepted
 * shapes: one service, one organization with its services, a list page ({contents}), an array, a dataset
 * {organizations, services}, and the tabular form ({"services.csv": [...], …}).
 */
export function hsdsToRecords(input: unknown): {
  records: ImportRecord[];
  notes: Array<{ row: number; column: string; value: string; message: string }>;
} {
  const notes: Array<{ row: number; column: string; value: string; message: string }> = [];
  const organizations = new Map<string, Json>();
  const services: Json[] = [];
  const locationsById = new Map<string, Json>();
  const tabular = (name: string) => arr((input as Json)?.[`${name}.csv`]);
  const addOrg = (o: Json) => {
    if (str(o.id)) organizations.set(str(o.id), o);
    for (const s of arr(o.services)) services.push({ organization_id: o.id, ...s, organization: s.organization ?? o });
    for (const l of arr(o.locations)) locationsById.set(str(l.id), l);
  };
  const take = (item: Json) => {
    if ('services' in item || ('legal_status' in item && !('status' in item))) addOrg(item);
    else if ('status' in item || 'service_at_locations' in item || 'organization_id' in item) services.push(item);
  };
  if (Array.isArray(input)) arr(input).forEach(take);
  else if (input && typeof input === 'object') {
    const root = input as Json;
    if (tabular('services').length) {
      tabular('organizations').forEach((o) => organizations.set(str(o.id), o));
      tabular('locations').forEach((l) => locationsById.set(str(l.id), l));
      const addresses = tabular('addresses');
      for (const l of locationsById.values()) l.addresses = addresses.filter((a) => a.location_id === l.id);
      const sal = tabular('service_at_location');
      const schedules = tabular('schedules');
      const capacities = tabular('service_capacity');
      const attributes = tabular('attributes');
      for (const s of tabular('services')) {
        services.push({
          ...s,
          service_at_locations: sal
            .filter((x) => x.service_id === s.id)
            .map((x) => ({ ...x, location: locationsById.get(str(x.location_id)) })),
          schedules: schedules.filter((x) => x.service_id === s.id),
          capacities: capacities.filter((x) => x.service_id === s.id),
          attributes: attributes.filter((x) => x.link_id === s.id),
        });
      }
    } else if (Array.isArray(root.contents)) arr(root.contents).forEach(take);
    else if (Array.isArray(root.organizations) || Array.isArray(root.services)) {
      arr(root.organizations).forEach(addOrg);
      arr(root.services).forEach((s) => services.push(s));
    } else take(root);
  }
  const records = services.map((s, i) => toRecord(s, i + 1, organizations, locationsById, notes));
  return { records, notes };
}

function toRecord(s: Json, row: number, organizations: Map<string, Json>, locations: Map<string, Json>, notes: unknown[]): ImportRecord {
  void notes;
  const messages: ImportRecord['messages'] = [];
  const org = (s.organization as Json | undefined) ?? organizations.get(str(s.organization_id)) ?? {};
  let orgName = str(org.name) || str(s.organization_id);
  if (!orgName) {
    orgName = '団体名なし（HSDS）';
    messages.push({
      column: 'organization',
      value: '',
      message: 'サービスの団体（organization）がないため「団体名なし（HSDS）」としました',
      level: 'warning',
    });
  }
  const title = str(s.name);
  if (!title) messages.push({ column: 'name', value: '', message: 'サービスの名前（name）が空です', level: 'error' });
  const attributes = arr(s.attributes);
  const codes = attributes.map((a) => str((a.taxonomy_term as Json | undefined)?.code) || '').filter(Boolean);
  const ours = (prefix: string) => codes.filter((c) => c.startsWith(`${prefix}:`)).map((c) => c.slice(prefix.length + 1));
  const typeCode = ours('resource_type')[0];
  const type: ResourceType =
    typeCode && typeCode in RESOURCE_TYPE_LABELS ? (typeCode as ResourceType) : parseResourceType(`${title} ${str(s.description)}`).value;
  const sal = arr(s.service_at_locations);
  const location = (sal[0]?.location as Json | undefined) ?? locations.get(str(sal[0]?.location_id)) ?? {};
  const address = arr(location.addresses)[0] ?? {};
  const area = str(arr(s.service_areas)[0]?.name).slice(0, 100) || str(address.city) || str(address.region) || '';
  const slots: Slot[] = [];
  for (const sc of arr(s.schedules)) {
    const opens = /^(\d{2}):(\d{2})/.exec(str(sc.opens_at));
    const closes = /^(\d{2}):(\d{2})/.exec(str(sc.closes_at));
    if (str(sc.freq) && str(sc.freq) !== 'WEEKLY') continue;
    for (const d of str(sc.byday).split(',')) {
      const day = BYDAY[d.trim().replace(/^[+-]?\d+/, '')];
      if (day && opens && closes && `${opens[1]}:${opens[2]}` < `${closes[1]}:${closes[2]}`) {
        slots.push({ day, start: `${opens[1]}:${opens[2]}`, end: `${closes[1]}:${closes[2]}` });
      }
    }
  }
  slots.sort((a, b) => DAYS.indexOf(a.day) - DAYS.indexOf(b.day) || a.start.localeCompare(b.start));
  const capacity = arr(s.capacities)[0];
  const demand = (kind: string): DemandLevel | undefined => {
    const a = attributes.find((x) => str((x.taxonomy_term as Json | undefined)?.code) === `demand:${kind}`);
    const v = str(a?.value);
    return ['low', 'medium', 'high'].includes(v) ? (v as DemandLevel) : undefined;
  };
  const orgKindCode =
    ours('organization_kind')[0] ??
    arr(org.attributes)
      .map((a) => str((a.taxonomy_term as Json)?.code))
      .find((c) => c.startsWith('organization_kind:'))
      ?.slice(18);
  const kind =
    orgKindCode && orgKindCode in ORGANIZATION_KIND_LABELS
      ? { kind: orgKindCode as keyof typeof ORGANIZATION_KIND_LABELS, kindLabel: null }
      : parseOrganizationKind(str(org.legal_status), orgName).value;
  const phone = str(arr(org.phones)[0]?.number);
  const frequency = arr(s.schedules)
    .map((sc) => str(sc.description))
    .find(Boolean);
  const maximum = Number(capacity?.maximum);
  const available = Number(capacity?.available);
  const resource: ImportRecord['resource'] = {
    title: title.slice(0, 200),
    type,
    description: str(s.description),
    area: area || '地区未設定',
    address: str(address.address_1) || undefined,
    latitude: typeof location.latitude === 'number' && Math.abs(location.latitude) <= 90 ? location.latitude : undefined,
    longitude: typeof location.longitude === 'number' && Math.abs(location.longitude) <= 180 ? location.longitude : undefined,
    schedule: slots,
    frequencyNote: frequency ? frequency.slice(0, 200) : null,
    accommodations: ours('accommodation').filter((a): a is Accommodation => a in ACCOMMODATIONS),
    demandTalking: demand('talking'),
    demandPhysical: demand('physical'),
    demandLiteracy: demand('literacy'),
    reward: (ours('reward')[0] as Reward | undefined) ?? undefined,
    acceptsOutsideEligibility: codes.includes('accepts_outside_eligibility') || undefined,
    status: STATUS[str(s.status)] ?? 'open',
  };
  if (!area)
    messages.push({
      column: 'service_areas',
      value: '',
      message: '地区（service_areas / 住所の市区町村）がないため「地区未設定」としました',
      level: 'warning',
    });
  if (Number.isInteger(maximum) && maximum >= 0) {
    resource.capacity = maximum;
    resource.vacancies = Number.isInteger(available) && available >= 0 ? Math.min(available, maximum) : maximum;
  }
  for (const key of Object.keys(resource) as Array<keyof typeof resource>) if (resource[key] === undefined) delete resource[key];
  return {
    row,
    externalId: str(s.id) || null,
    organization: {
      name: orgName.slice(0, 200),
      kind: kind.kind,
      kindLabel: kind.kindLabel,
      externalId: str(org.id) || null,
      ...(phone ? { contact: { phone: phone.slice(0, 40) } } : {}),
    },
    resource,
    messages,
  };
}
