import type { Accommodation, DemandLevel, OrganizationKind, ResourceStatus, ResourceType, Reward } from '../common/catalogue.constants';
import { restoreCell } from '../common/csv';
import {
  clean,
  parseAccommodations,
  parseCount,
  parseLevel,
  parseMinutes,
  parseOrganizationKind,
  parsePhone,
  parseResourceType,
  parseReward,
  parseSchedule,
  parseStatus,
  parseYes,
  type Slot,
} from './cell-parsers';
import type { ColumnMapping, ImportField } from './import.columns';
import type { CellMessage } from './table-reader';

export interface ImportOrganization {
  name: string;
  kind?: OrganizationKind;
  kindLabel?: string | null;
  contact?: { person?: string; phone?: string; email?: string };
  externalId?: string | null;
}

/** The resource fields a list gives; a field that is absent (no column, blank cell) keeps its stored value. */
export interface ImportResource {
  type?: ResourceType;
  title: string;
  description?: string;
  tasks?: string[];
  area?: string;
  address?: string;
  latitude?: number;
  longitude?: number;
  nearestStation?: string;
  accessMinutes?: number;
  schedule?: Slot[];
  frequencyNote?: string | null;
  capacity?: number;
  vacancies?: number;
  accommodations?: Accommodation[];
  /** Yes/no columns (見学, 同行, 体験) without an accommodations column: applied to the stored list. */
  accommodationFlags?: Partial<Record<Accommodation, boolean>>;
  demandTalking?: DemandLevel;
  demandPhysical?: DemandLevel;
  demandLiteracy?: DemandLevel;
  reward?: Reward;
  acceptsOutsideEligibility?: boolean;
  status?: ResourceStatus;
}

/** One row of a list (or one service of an HSDS dataset) as the catalogue reads it. */
export interface ImportRecord {
  row: number;
  externalId: string | null;
  organization: ImportOrganization;
  resource: ImportResource;
  messages: CellMessage[];
}

const LIMITS: Partial<Record<keyof ImportResource, [number, string]>> = {
  title: [200, '活動名'],
  description: [5000, '活動内容'],
  area: [100, '地区'],
  address: [300, '住所'],
  nearestStation: [100, '最寄り駅'],
  frequencyNote: [200, '頻度'],
};

/** A row of cells → a record. `headers` name the columns in messages (the user's own header text). */
export function rowToRecord(rowNumber: number, cells: string[], mapping: ColumnMapping, headers: string[]): ImportRecord {
  const messages: CellMessage[] = [];
  const columnOf = new Map<ImportField, number>(Object.entries(mapping).map(([i, f]) => [f, Number(i)]));
  const has = (field: ImportField) => columnOf.has(field);
  // The importer undoes the exporter's formula neutralisation ('=… → =…), so that a round trip changes nothing.
  const get = (field: ImportField) => {
    const i = columnOf.get(field);
    return i === undefined ? '' : restoreCell(String(cells[i] ?? '')).trim();
  };
  const header = (field: ImportField) => headers[columnOf.get(field) ?? -1] ?? field;
  const warn = (field: ImportField, message: string) =>
    messages.push({ column: header(field), value: get(field), message, level: 'warning' });
  const refuse = (field: ImportField, message: string) =>
    messages.push({ column: header(field), value: get(field), message, level: 'error' });

  const organizationName = clean(get('organizationName'));
  // Stored text stays as typed (only trimmed): normalising it would turn every round trip into updates.
  const title = get('title');
  if (!organizationName) refuse('organizationName', '団体名が空欄です（どの団体の活動かが必要です）');
  if (!title) refuse('title', '活動名が空欄です');

  const organization: ImportOrganization = { name: organizationName };
  if (has('organizationKind') || organizationName) {
    const kind = parseOrganizationKind(get('organizationKind'), organizationName);
    if (get('organizationKind') || kind.value.kind !== 'other') {
      organization.kind = kind.value.kind;
      organization.kindLabel = kind.value.kindLabel;
    }
    if (kind.warning) warn('organizationKind', kind.warning);
  }
  const contact: NonNullable<ImportOrganization['contact']> = {};
  if (get('contactPerson')) contact.person = get('contactPerson').slice(0, 100);
  if (get('phone')) {
    const phone = parsePhone(get('phone'));
    if (phone.value) contact.phone = phone.value.slice(0, 40);
    if (phone.warning) warn('phone', phone.warning);
  }
  if (get('email')) {
    if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(clean(get('email')))) contact.email = clean(get('email'));
    else warn('email', `メールアドレス「${get('email')}」の形ではないため登録しませんでした`);
  }
  if (get('contact')) {
    // 「03-1234-5678（山田）」: the number goes to the phone, the rest to the person.
    let raw = clean(get('contact'));
    // 「電話・メール」 columns: an address goes to the email, not into the person's name.
    const mail = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+/.exec(raw)?.[0];
    if (mail) {
      if (!contact.email) contact.email = mail;
      raw = raw.replace(mail, '').trim();
    }
    const number = /[0-9][0-9-]{8,}[0-9]/.exec(raw.replace(/[\u30FC\uFF0D]/g, '-'))?.[0];
    if (number && !contact.phone) contact.phone = parsePhone(number).value ?? undefined;
    const rest = raw.replace(number ?? '\u0000', '').replace(/^[\s(（、,:：]+|[\s)）、,]+$/g, '');
    if (rest && !contact.person) contact.person = rest.slice(0, 100);
  }
  if (Object.keys(contact).length) organization.contact = contact;

  const resource: ImportResource = { title };
  if (get('type') || has('type')) {
    const type = parseResourceType(get('type'));
    resource.type = type.value;
    if (type.warning) warn('type', type.warning);
  }
  const descriptionParts = [get('description')];
  if (get('target')) descriptionParts.push(`対象：${get('target')}`);
  if (get('notes')) descriptionParts.push(`備考：${get('notes')}`);
  if (get('tasks')) {
    const tasks = get('tasks')
      .split(/[、,，\n]/)
      .map((t) => t.trim())
      .filter(Boolean);
    if (tasks.length > 30 || tasks.some((t) => t.length > 100))
      warn('tasks', '作業内容が多すぎる・長すぎるため、30 件・各 100 文字までにしました');
    resource.tasks = tasks.slice(0, 30).map((t) => t.slice(0, 100));
  }
  if (get('area')) resource.area = get('area');
  if (get('address')) resource.address = get('address');
  if (get('nearestStation')) resource.nearestStation = get('nearestStation');
  if (get('accessMinutes')) {
    const minutes = parseMinutes(get('accessMinutes'));
    if (minutes.value !== null && minutes.value <= 600) resource.accessMinutes = minutes.value;
    if (minutes.warning) warn('accessMinutes', minutes.warning);
  }
  if (get('days') || get('time')) {
    const schedule = parseSchedule(get('days'), get('time'));
    resource.schedule = schedule.value.slots;
    if (schedule.value.frequencyNote) resource.frequencyNote = schedule.value.frequencyNote;
    if (schedule.warning) warn(get('days') ? 'days' : 'time', schedule.warning);
  }
  if (get('frequency')) resource.frequencyNote = get('frequency');
  if (get('capacity')) {
    const capacity = parseCount(get('capacity'), '定員');
    if (capacity.value !== null) resource.capacity = capacity.value;
    else descriptionParts.push(`定員：${get('capacity')}`);
    if (capacity.warning) warn('capacity', capacity.value === null ? `${capacity.warning}。活動内容の末尾に残しました` : capacity.warning);
  }
  if (get('vacancies')) {
    const count = parseCount(get('vacancies'), '空き');
    if (count.value !== null) resource.vacancies = count.value;
    else {
      const yes = parseYes(get('vacancies'), '空き');
      if (yes.value !== null && resource.capacity !== undefined) resource.vacancies = yes.value ? resource.capacity : 0;
      else warn('vacancies', count.warning ?? '空きを読み取れません');
    }
  }
  if (resource.vacancies !== undefined && resource.capacity !== undefined && resource.vacancies > resource.capacity) {
    warn('vacancies', `空き（${resource.vacancies}）が定員（${resource.capacity}）を超えるため、定員と同じにしました`);
    resource.vacancies = resource.capacity;
  }
  if (get('reward')) {
    const reward = parseReward(get('reward'));
    resource.reward = reward.value;
    if (reward.warning) {
      warn('reward', reward.warning);
      descriptionParts.push(`費用・謝礼：${get('reward')}`);
    }
  }
  const flags: Partial<Record<Accommodation, boolean>> = {};
  for (const [field, code] of [
    ['visit', 'visit_ok'],
    ['accompany', 'accompany_ok'],
    ['trial', 'trial_ok'],
  ] as Array<[ImportField, Accommodation]>) {
    if (!get(field)) continue;
    const yes = parseYes(get(field), header(field));
    if (yes.value !== null) flags[code] = yes.value;
    if (yes.warning) warn(field, yes.warning);
  }
  if (get('accommodations')) {
    const parsed = parseAccommodations(get('accommodations'));
    const codes = new Set(parsed.codes);
    for (const [code, on] of Object.entries(flags) as Array<[Accommodation, boolean]>) {
      if (on) codes.add(code);
      else codes.delete(code);
    }
    resource.accommodations = [...codes];
    if (parsed.unknown.length) {
      warn('accommodations', `「${parsed.unknown.join('、')}」は配慮の一覧にないため、活動内容の末尾に残しました`);
      descriptionParts.push(`配慮：${parsed.unknown.join('、')}`);
    }
  } else if (Object.keys(flags).length) resource.accommodationFlags = flags;
  for (const [field, key, what] of [
    ['demandTalking', 'demandTalking', '会話の量'],
    ['demandPhysical', 'demandPhysical', '体力'],
    ['demandLiteracy', 'demandLiteracy', '読み書き'],
  ] as Array<[ImportField, 'demandTalking' | 'demandPhysical' | 'demandLiteracy', string]>) {
    if (!get(field)) continue;
    const level = parseLevel(get(field), what);
    resource[key] = level.value;
    if (level.warning) warn(field, level.warning);
  }
  if (get('acceptsOutsideEligibility')) {
    const yes = parseYes(get('acceptsOutsideEligibility'), '対象外の受入れ');
    if (yes.value !== null) resource.acceptsOutsideEligibility = yes.value;
    if (yes.warning) warn('acceptsOutsideEligibility', yes.warning);
  }
  if (get('status')) {
    const status = parseStatus(get('status'));
    resource.status = status.value;
    if (status.warning) warn('status', status.warning);
  }
  const description = descriptionParts.filter(Boolean).join('\n');
  if (description || has('description')) resource.description = description;
  for (const [key, [max, label]] of Object.entries(LIMITS) as Array<[keyof ImportResource, [number, string]]>) {
    const value = resource[key];
    if (typeof value === 'string' && value.length > max) {
      messages.push({
        column: label,
        value: value.slice(0, 40) + '…',
        message: `${label}は ${max} 文字以内にしてください（${value.length} 文字）`,
        level: 'error',
      });
    }
  }
  if (organizationName.length > 200) refuse('organizationName', `団体名は 200 文字以内にしてください（${organizationName.length} 文字）`);
  const externalId = get('externalId') ? clean(get('externalId')).slice(0, 200) : null;
  return { row: rowNumber, externalId, organization, resource, messages };
}

export function isBlankRow(cells: string[]): boolean {
  return cells.every((c) => !String(c ?? '').trim());
}
