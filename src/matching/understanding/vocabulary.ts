import { ACCOMMODATIONS, DAYS, DEMAND_KINDS } from '../../common/catalogue.constants';
import { CONCEPT_CODES } from '../../common/concepts';

/**
 * What the needs text can be read for (docs/understanding-labels.md, the labelling contract).
 * One entry per value: 「平日」 gives five `availableDays` entries with the same phrase.
 */
export const UNDERSTOOD_VALUES = {
  avoid: DEMAND_KINDS as readonly string[],
  preferredAccommodations: Object.keys(ACCOMMODATIONS),
  availableDays: DAYS as readonly string[],
  timeOfDay: ['morning', 'afternoon', 'evening'],
  sessionsPerWeek: 'number',
  sessionMinutes: 'number',
  maxTravelMinutes: 'number',
  travel: ['near_home', 'no_car'],
  setting: ['outdoor', 'indoor'],
  reward: ['wants_money', 'unpaid_ok'],
  /** What the person wants to do or find, or is good at (concepts.ts; not in the labelled sets of eval:understanding). */
  concept: CONCEPT_CODES,
  /** What the person avoids doing or being among (concepts.ts). */
  avoidConcept: CONCEPT_CODES,
} as const satisfies Record<string, readonly string[] | 'number'>;

export type UnderstoodField = keyof typeof UNDERSTOOD_VALUES;
export const UNDERSTOOD_FIELDS = Object.keys(UNDERSTOOD_VALUES) as UnderstoodField[];
export const NUMERIC_FIELDS: UnderstoodField[] = ['sessionsPerWeek', 'sessionMinutes', 'maxTravelMinutes'];

/** One thing read from the needs text: the words it came from, the field and its value. */
export interface Understood {
  phrase: string;
  field: UnderstoodField;
  value: string | number;
}

/** Japanese names of the fields, for chips, reasons and error messages. */
export const UNDERSTOOD_FIELD_LABELS: Record<UnderstoodField, string> = {
  avoid: '避けたいこと',
  preferredAccommodations: '希望する配慮',
  availableDays: '参加できる曜日',
  timeOfDay: '時間帯',
  sessionsPerWeek: '週あたりの回数',
  sessionMinutes: '1回の時間（分）',
  maxTravelMinutes: '移動時間の上限（分）',
  travel: '移動',
  setting: '活動の場所',
  reward: '報酬',
  concept: '希望する内容',
  avoidConcept: '避けたい内容',
};

export const TIME_OF_DAY_LABELS: Record<string, string> = { morning: '午前', afternoon: '午後', evening: '夕方以降' };
export const TRAVEL_LABELS: Record<string, string> = { near_home: '家の近く', no_car: '車なし' };
export const SETTING_LABELS: Record<string, string> = { outdoor: '屋外', indoor: '屋内' };
export const REWARD_WISH_LABELS: Record<string, string> = { wants_money: '収入・謝礼がほしい', unpaid_ok: '無償でよい' };

export function isUnderstoodField(field: string): field is UnderstoodField {
  return Object.prototype.hasOwnProperty.call(UNDERSTOOD_VALUES, field);
}

/** Whether `value` is one the field can take (numbers: positive and finite). */
export function isUnderstoodValue(field: UnderstoodField, value: unknown): boolean {
  const allowed = UNDERSTOOD_VALUES[field];
  if (allowed === 'number') return typeof value === 'number' && Number.isFinite(value) && value > 0;
  return typeof value === 'string' && (allowed as readonly string[]).includes(value);
}
