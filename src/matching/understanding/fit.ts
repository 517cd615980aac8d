import { CONCEPT_LABELS } from '../../common/concepts';
import type { Candidate } from '../match.repository';

/**
 * The fit of the kinds only the needs text gives (issue #17 items 1–2), beside the structured ones in ranking.ts.
 * Each returns parts on the fit scale (−1..1), averaged with the others by fitSignal; nothing when the resource does
 * not tell (no schedule, no access time). Documented in docs/matching.md 「希望文の読み取り」.
 */
export interface UnderstoodPreferences {
  timeOfDay?: string[];
  sessionsPerWeek?: number;
  sessionMinutes?: number;
  travel?: string[];
  setting?: string[];
  reward?: string[];
  /** Concepts wanted and avoided (concepts.ts): the concept signal of ranking.ts, not a fit part. */
  concept?: string[];
  avoidConcept?: string[];
  /** `field:value` → the words of the needs text it was read from, cited by the reasons. */
  phrases?: Record<string, string>;
  /**
   * The `field:value` keys that came only from the needs text (read, and not also entered in a structured field).
   * A fit part built only from these counts `RankingWeights.readWeight` within `fit` (ranking.ts combineFit); the
   * reasons do not look at it (a read constraint always cites its phrase). Set by mergeUnderstood.
   */
  readOnly?: string[];
}

type Slot = { day: string; start: string; end: string };
type Resource = Pick<Candidate, 'schedule' | 'scheduleDays' | 'frequencyNote' | 'accessMinutes' | 'accommodations' | 'reward' | 'concepts'>;

/** Hours of each part of the day, in minutes since midnight: a slot belongs to every part it overlaps. */
const PARTS: Record<string, [number, number]> = { morning: [6 * 60, 12 * 60], afternoon: [12 * 60, 17 * 60], evening: [17 * 60, 24 * 60] };
const PART_LABELS: Record<string, string> = { morning: '午前', afternoon: '午後', evening: '夕方以降' };

function minutes(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return h * 60 + (m || 0);
}

const overlaps = (s: Slot, part: string) => minutes(s.start) < PARTS[part][1] && minutes(s.end) > PARTS[part][0];
const slotsOf = (r: Resource): Slot[] => (Array.isArray(r.schedule) ? (r.schedule as Slot[]) : []);

/** How many times a week the resource meets: 月2回 / 第1・第3 in the frequency note, else its weekly slots. */
export function sessionsPerWeekOf(r: Resource): number | null {
  const note = r.frequencyNote ?? '';
  const monthly = /月\s*([0-9]+)\s*回/u.exec(note.normalize('NFKC'));
  if (monthly) return Number(monthly[1]) / 4;
  const nth = note.normalize('NFKC').match(/第\s*[0-9]/gu);
  if (nth?.length) return nth.length / 4;
  if (/毎月|月に?一/u.test(note)) return 0.25;
  const slots = slotsOf(r);
  return slots.length ? slots.length : null;
}

/** The longest session the resource asks for, in minutes (schedule end − start). */
export function sessionLengthOf(r: Resource): number | null {
  const lengths = slotsOf(r)
    .map((s) => minutes(s.end) - minutes(s.start))
    .filter((n) => n > 0);
  return lengths.length ? Math.max(...lengths) : null;
}

/** The kinds of fit parts (ranking.ts weighs each kind within `fit`; RankingWeights.fitParts). */
export type FitPartKind =
  'day' | 'travel' | 'avoid' | 'accommodation' | 'timeOfDay' | 'sessionsPerWeek' | 'sessionMinutes' | 'nearHome' | 'noCar' | 'reward';
export interface FitPart {
  kind: FitPartKind;
  value: number;
  /** Built only from constraints read from the needs text (PersonPreferences.readOnly): weighs `readWeight`. */
  read?: boolean;
  /**
   * A share over several values some of which were read and some entered (preferred accommodations): the present
   * count and the count of each, so that the read ones can count `readWeight` each inside the share. `value` is the
   * plain share (readWeight 1).
   */
  mixed?: { structuredPresent: number; structuredCount: number; readPresent: number; readCount: number };
}

/** Whether every value given (`field:value` keys) came only from the needs text. */
export function allRead(p: Pick<UnderstoodPreferences, 'readOnly'>, keys: string[]): boolean {
  return keys.length > 0 && keys.every((k) => p.readOnly?.includes(k));
}

export function understoodFitParts(r: Resource, p: UnderstoodPreferences, wantedDays: string[] = []): number[] {
  return understoodFitPartsByKind(r, p, wantedDays).map((part) => part.value);
}

export function understoodFitPartsByKind(r: Resource, p: UnderstoodPreferences, wantedDays: string[] = []): FitPart[] {
  const parts: FitPart[] = [];
  const flexible = r.accommodations.includes('flexible_schedule');
  const slots = slotsOf(r);
  if (p.timeOfDay?.length && slots.length) {
    const onDays = wantedDays.length ? slots.filter((s) => wantedDays.includes(s.day)) : slots;
    const pool = onDays.length ? onDays : slots;
    parts.push({
      kind: 'timeOfDay',
      value: pool.some((s) => p.timeOfDay!.some((t) => overlaps(s, t))) ? 1 : flexible ? 0 : -1,
      read: allRead(
        p,
        p.timeOfDay.map((t) => `timeOfDay:${t}`),
      ),
    });
  }
  if (p.sessionsPerWeek !== undefined) {
    const perWeek = sessionsPerWeekOf(r);
    // About the person's pace fits; far rarer than they want to come clashes; far more often is neutral (one can
    // usually come less often than a place meets).
    if (perWeek !== null)
      parts.push({
        kind: 'sessionsPerWeek',
        value: perWeek * 2 < p.sessionsPerWeek ? -0.5 : perWeek > p.sessionsPerWeek * 2 ? 0 : 0.5,
        read: allRead(p, [`sessionsPerWeek:${p.sessionsPerWeek}`]),
      });
  }
  if (p.sessionMinutes !== undefined) {
    const length = sessionLengthOf(r);
    if (length !== null) {
      const value = length <= p.sessionMinutes ? 0.5 : r.accommodations.includes('short_hours') || flexible ? 0.25 : -0.5;
      parts.push({ kind: 'sessionMinutes', value, read: allRead(p, [`sessionMinutes:${p.sessionMinutes}`]) });
    }
  }
  if (p.travel?.includes('near_home') && r.accessMinutes !== null) {
    const read = allRead(p, ['travel:near_home']);
    parts.push({ kind: 'nearHome', value: r.accessMinutes <= 10 ? 0.5 : r.accessMinutes <= 20 ? 0 : -0.5, read });
  }
  if (p.travel?.includes('no_car')) {
    const read = allRead(p, ['travel:no_car']);
    if (r.accommodations.includes('transport')) parts.push({ kind: 'noCar', value: 0.5, read });
    else if (r.accessMinutes !== null) parts.push({ kind: 'noCar', value: r.accessMinutes <= 15 ? 0.25 : -0.25, read });
  }
  if (p.reward?.includes('wants_money'))
    parts.push({ kind: 'reward', value: r.reward === 'unpaid' ? -0.5 : 0.5, read: allRead(p, ['reward:wants_money']) });
  return parts;
}

/** A reason that answers words of the needs text cites them: 「『人と話すのが苦手』→ 人と話すことが少ない」. */
export const cite = (p: Pick<UnderstoodPreferences, 'phrases'>, key: string, text: string) => {
  const phrase = p.phrases?.[key];
  return phrase ? `『${phrase}』→ ${text}` : text;
};

/** Reasons for the understood kinds that fit, each citing the words it was read from. */
/**
 * Reasons (what fits) and cautions (what works against the wish) for the kinds only the text gives. A frequency is a
 * reason only near the wish (¾ to 1½ of it: 月2回 is not 「週1回」); a time of day or session length the resource's
 * schedule does not offer is a caution. Resources that do not tell get neither.
 */
export function understoodExplanation(
  r: Resource,
  p: UnderstoodPreferences,
  wantedDays: string[] = [],
): { reasons: string[]; cautions: string[] } {
  const out: string[] = [];
  const cautions: string[] = [];
  const slots = slotsOf(r);
  for (const t of p.timeOfDay ?? []) {
    const onDays = wantedDays.length ? slots.filter((s) => wantedDays.includes(s.day)) : slots;
    const slot = (onDays.length ? onDays : slots).find((s) => overlaps(s, t));
    if (slot) out.push(cite(p, `timeOfDay:${t}`, `${PART_LABELS[t]}の開催（${slot.start}〜${slot.end}）`));
    else if (slots.length) cautions.push(`${PART_LABELS[t]}の開催なし`);
  }
  const length = sessionLengthOf(r);
  if (p.sessionMinutes !== undefined && length !== null) {
    if (length <= p.sessionMinutes) out.push(cite(p, `sessionMinutes:${p.sessionMinutes}`, `1 回 ${length} 分以内`));
    else cautions.push(`1 回 ${length} 分（希望は ${p.sessionMinutes} 分まで）`);
  }
  const perWeek = sessionsPerWeekOf(r);
  if (p.sessionsPerWeek !== undefined && perWeek !== null && perWeek >= p.sessionsPerWeek * 0.75 && perWeek <= p.sessionsPerWeek * 1.5) {
    out.push(
      cite(p, `sessionsPerWeek:${p.sessionsPerWeek}`, perWeek < 1 ? `月 ${Math.round(perWeek * 4)} 回の開催` : `週 ${perWeek} 回の開催`),
    );
  }
  if (p.travel?.includes('near_home') && r.accessMinutes !== null && r.accessMinutes <= 10) {
    out.push(cite(p, 'travel:near_home', `駅から ${r.accessMinutes} 分`));
  }
  if (p.travel?.includes('no_car') && r.accommodations.includes('transport')) out.push(cite(p, 'travel:no_car', '送迎あり'));
  if (p.reward?.includes('wants_money')) {
    if (r.reward === 'unpaid') cautions.push('無償の活動');
    else if (r.reward) out.push(cite(p, 'reward:wants_money', r.reward === 'paid' ? '有償' : '謝礼あり'));
  }
  // what the place is about (concepts.ts): 「『手先は器用』→ 手作業・軽作業」, or what the person avoids
  for (const c of p.concept ?? []) if (r.concepts.includes(c)) out.push(cite(p, `concept:${c}`, CONCEPT_LABELS[c] ?? c));
  for (const c of p.avoidConcept ?? []) if (r.concepts.includes(c)) cautions.push(`避けたい内容に当たる：${CONCEPT_LABELS[c] ?? c}`);
  return { reasons: out, cautions };
}
