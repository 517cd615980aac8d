import { ACCOMMODATIONS, DAY_LABELS, DEMAND_KINDS, type Accommodation, type Day, type DemandKind } from '../../common/catalogue.constants';
import type { PersonPreferences } from '../ranking';
import {
  REWARD_WISH_LABELS,
  SETTING_LABELS,
  TIME_OF_DAY_LABELS,
  TRAVEL_LABELS,
  UNDERSTOOD_FIELD_LABELS,
  type Understood,
  type UnderstoodField,
} from './vocabulary';
import { CONCEPT_LABELS } from '../../common/concepts';

/** What the search returns for each thing it read: whether it was used, and a label a coordinator can read. */
export interface UnderstoodView extends Understood {
  /** 「避けたいこと: 人と話す」 */
  label: string;
  /** false when a structured constraint of the same field replaced it (登録済みの条件が優先). */
  applied: boolean;
}

const DEMAND_WORDS: Record<DemandKind, string> = { talking: '人と話す', physical: '体力を使う', literacy: '読み書き' };

export function understoodLabel(u: Pick<Understood, 'field' | 'value'>): string {
  const v = u.value;
  const text = ((): string => {
    switch (u.field) {
      case 'avoid':
        return DEMAND_WORDS[v as DemandKind] ?? String(v);
      case 'preferredAccommodations':
        return ACCOMMODATIONS[v as Accommodation] ?? String(v);
      case 'availableDays':
        return `${DAY_LABELS[v as Day] ?? v}曜`;
      case 'timeOfDay':
        return TIME_OF_DAY_LABELS[v as string] ?? String(v);
      case 'sessionsPerWeek':
        return `週 ${v} 回`;
      case 'sessionMinutes':
      case 'maxTravelMinutes':
        return `${v} 分まで`;
      case 'travel':
        return TRAVEL_LABELS[v as string] ?? String(v);
      case 'setting':
        return SETTING_LABELS[v as string] ?? String(v);
      case 'reward':
        return REWARD_WISH_LABELS[v as string] ?? String(v);
      case 'concept':
      case 'avoidConcept':
        return CONCEPT_LABELS[v as string] ?? String(v);
    }
  })();
  return `${UNDERSTOOD_FIELD_LABELS[u.field]}: ${text}`;
}

/** Key of one understood value in PersonPreferences.phrases (the reasons cite the phrase). */
export const phraseKey = (field: UnderstoodField, value: string | number) => `${field}:${value}`;

/** The structured fields a coordinator can fill, each also read from the text. */
export const STRUCTURED_FIELDS = ['availableDays', 'maxTravelMinutes', 'avoid', 'preferredAccommodations'] as const;
export type StructuredField = (typeof STRUCTURED_FIELDS)[number];

/**
 * The merge rule: the structured fields that, once filled, decide their field (the read values of that field are not
 * used). Days and travel time are one answer each, so a filled one replaces what was read. avoid and
 * preferredAccommodations are sets of separate wishes: ticking 「体力的にきつい作業」 says nothing about 「人と話すのが
 * 苦手」 in the text, so read values are added. Letting those two decide too was measured (docs/benchmarks.md 「Merge: a
 * filled field decides」): +0.001 nDCG@10 cross-validated, 6 needs better and 9 worse — noise, at the price of dropping
 * wishes the coordinator wrote down; not adopted.
 */
export const DECIDED_WHEN_FILLED: readonly StructuredField[] = ['availableDays', 'maxTravelMinutes'];

/**
 * Merges what was read from the needs text into the structured preferences (issue #17 item 1). Everything stays soft.
 * - `ignore` drops entries the coordinator removed (same field and value).
 * - Structured wins: availableDays and maxTravelMinutes given in the structured constraints replace the read ones
 *   (those are returned with applied = false, shown as 「入力された条件を優先」). avoid and preferredAccommodations are
 *   sets of wishes: the read ones are added to the structured ones (DECIDED_WHEN_FILLED says why).
 * - The new kinds (timeOfDay, sessionsPerWeek, sessionMinutes, travel, setting, reward) exist only in the text.
 * `decided` is for the evaluation (bench/eval-matching.ts compares merge rules); the service uses the default.
 */
export function mergeUnderstood(
  structured: PersonPreferences,
  understood: Understood[],
  ignore: ReadonlyArray<{ field: string; value: string | number }> = [],
  decided: readonly StructuredField[] = DECIDED_WHEN_FILLED,
): { preferences: PersonPreferences; understood: UnderstoodView[] } {
  const ignored = new Set(ignore.map((i) => phraseKey(i.field as UnderstoodField, i.value)));
  const kept = understood.filter((u) => !ignored.has(phraseKey(u.field, u.value)));
  const filled = (field: StructuredField) => {
    const v = structured[field];
    return Array.isArray(v) ? v.length > 0 : v !== undefined;
  };
  const replaced = (field: UnderstoodField) => (decided as readonly string[]).includes(field) && filled(field as StructuredField);
  // a read value the coordinator also entered in the structured field of the same name
  const entered = (u: Understood) => {
    if (!(STRUCTURED_FIELDS as readonly string[]).includes(u.field)) return false;
    const v = structured[u.field as StructuredField];
    return Array.isArray(v) ? (v as unknown[]).includes(u.value) : v === u.value;
  };
  const views = kept.map((u) => ({ ...u, label: understoodLabel(u), applied: !replaced(u.field) }));
  const used = views.filter((u) => u.applied);
  const strings = (field: UnderstoodField) => used.filter((u) => u.field === field).map((u) => String(u.value));
  const numberOf = (field: UnderstoodField) => used.find((u) => u.field === field)?.value as number | undefined;
  const union = <T extends string>(a: T[] | undefined, b: string[]): T[] | undefined => {
    const all = [...new Set([...(a ?? []), ...b])] as T[];
    return all.length ? all : undefined;
  };

  const preferences: PersonPreferences = {
    ...structured,
    availableDays: union<Day>(structured.availableDays, strings('availableDays')) ?? structured.availableDays,
    maxTravelMinutes: structured.maxTravelMinutes ?? numberOf('maxTravelMinutes'),
    avoid: union<DemandKind>(
      structured.avoid,
      strings('avoid').filter((k) => (DEMAND_KINDS as readonly string[]).includes(k)),
    ),
    preferredAccommodations: union(structured.preferredAccommodations, strings('preferredAccommodations')),
    timeOfDay: union(undefined, strings('timeOfDay')),
    sessionsPerWeek: numberOf('sessionsPerWeek'),
    sessionMinutes: numberOf('sessionMinutes'),
    travel: union(undefined, strings('travel')),
    setting: union(undefined, strings('setting')),
    reward: union(undefined, strings('reward')),
    concept: union(undefined, strings('concept')),
    avoidConcept: union(undefined, strings('avoidConcept')),
    phrases: Object.fromEntries(used.map((u) => [phraseKey(u.field, u.value), u.phrase])),
    // what was read and not also entered: its fit parts count RankingWeights.readWeight (ranking.ts)
    readOnly: union(
      undefined,
      used.filter((u) => !entered(u)).map((u) => phraseKey(u.field, u.value)),
    ),
  };
  for (const key of Object.keys(preferences) as (keyof PersonPreferences)[]) {
    if (preferences[key] === undefined) delete preferences[key];
  }
  return { preferences, understood: views };
}
