import {
  ACCOMMODATIONS,
  DAY_LABELS,
  DAYS,
  type Accommodation,
  type Day,
  type DemandKind,
  type DemandLevel,
} from '../common/catalogue.constants';
import type { Candidate } from './match.repository';
import {
  allRead,
  understoodFitPartsByKind,
  cite as citePhrase,
  understoodExplanation,
  type FitPart,
  type FitPartKind,
  type UnderstoodPreferences,
} from './understanding/fit';
import { conceptSignal } from './understanding/concepts';

/**
 * Hybrid ranking: a weighted sum of three signals, each on a fixed scale so that the
 * score means the same across searches (the unmet-needs threshold depends on it).
 *   vector  — cosine similarity of needs and resource text (−1..1, in practice 0..1)
 *   lexical — Okapi BM25 of shared content words (src/matching/bm25.ts), saturated to 0..1
 *   fit     — agreement with the person's stated constraints, −1..1
 *   concept — what the place is about against what the needs text wants and avoids (understanding/concepts.ts), −1..1
 * Weights were tuned on test/fixtures/matching-devset.json (npm run eval:matching -- --tune);
 * see docs/matching.md.
 */
export interface RankingWeights {
  vector: number;
  lexical: number;
  fit: number;
  /** The concept signal (understanding/concepts.ts): what the place is about against what the person wants and avoids. */
  concept: number;
  /** How much each kind of constraint counts within `fit` (a weighted mean); missing kinds count 1. */
  fitParts?: Partial<Record<FitPartKind, number>>;
  /** BM25 score at which the lexical signal reaches half of its maximum (default LEXICAL_HALF_RANK). */
  lexicalHalfRank?: number;
  /**
   * How much a constraint read from the needs text, and not also entered in a structured field, counts within `fit`
   * against one entered (0..1; missing = 1, the same). 0 ranks as if nothing had been read (structured-only).
   */
  readWeight?: number;
}

/**
 * Re-tuned with the constraints read from the needs text (issue #17; docs/matching.md §3): coordinate ascent over the
 * signal weights and the lexical half-rank, 5-fold cross-validated. Weighting the fit kinds differently did not survive
 * cross-validation, so every kind counts 1 (no fitParts). Before: { vector 1, lexical 0.15, fit 0.45 }, half-rank 0.4.
 * With BM25 as the lexical signal (issue #17 item 3) the same ascent moved fit 0.5 → 0.45 and the half-rank 1.6 → 6.4.
 * readWeight stays 1 (read and entered constraints count the same): as a weight in the mean it loses held out; as
 * shrinkage (combineFit minTotal 1) 0.2 is ahead under plain CV but not on hit@3 under the nested CV (benchmarks.md
 * 「Read weight」).
 */
export const DEFAULT_WEIGHTS: RankingWeights = { vector: 1, lexical: 0.45, fit: 0.45, concept: 0.3 };

/**
 * A search whose best score is below this is counted as an unmet need. Calibrated on the dev set's 100 served and
 * 15 deliberately unserved needs (lowest false-unmet + missed-unmet rate, 5-fold cross-validated; docs/matching.md §5),
 * on the scores the search computes (structured + understood constraints + concepts).
 * Re-calibrated for the re-tuned weights (0.34 before: the larger lexical weight lifts every score), for BM25 as the
 * lexical signal (0.43 before: in-sample optimum 0.370), and for the concept signal (0.37 before: the concept weight
 * lifts the best score of most needs; in-sample optimum 0.583, 11/100 served flagged, 8/15 unserved missed).
 */
export const UNMET_THRESHOLD = 0.58;

/**
 * BM25 score at which the lexical signal reaches half of its maximum, tuned with DEFAULT_WEIGHTS by coordinate ascent
 * (docs/benchmarks.md, "Lexical relevance as Okapi BM25"): 6.4 (one rare shared word scores ≈ 4–9). Under ts_rank_cd it
 * was 1.6 (before that 0.4).
 */
export const LEXICAL_HALF_RANK = 6.4;

/** Structured constraints, plus what was read from the needs text (understanding/preferences.ts merges them). */
export interface PersonPreferences extends UnderstoodPreferences {
  availableDays?: Day[];
  maxTravelMinutes?: number;
  avoid?: DemandKind[];
  preferredAccommodations?: string[];
}

export interface Ranked<C extends Candidate = Candidate> {
  candidate: C;
  score: number;
  signals: { vector: number; lexical: number; fit: number; concept: number };
}

export function lexicalSignal(rank: number, halfRank = LEXICAL_HALF_RANK): number {
  return rank <= 0 ? 0 : rank / (rank + halfRank);
}

const DEMAND_COLUMN: Record<DemandKind, 'demandTalking' | 'demandPhysical' | 'demandLiteracy'> = {
  talking: 'demandTalking',
  physical: 'demandPhysical',
  literacy: 'demandLiteracy',
};
const AVOID_FIT: Record<DemandLevel, number> = { low: 1, medium: 0, high: -1.5 };

/** The parts of the fit that apply to this resource and person, each tagged with its kind. */
export function fitParts(c: Candidate, p: PersonPreferences): FitPart[] {
  const parts: FitPart[] = [];
  const onlyRead = (field: string, value: string | number) => allRead(p, [`${field}:${value}`]);
  if (p.availableDays?.length) {
    const overlap = c.scheduleDays.some((d) => p.availableDays!.includes(d as Day));
    parts.push({
      kind: 'day',
      value: overlap ? 1 : c.accommodations.includes('flexible_schedule') ? 0 : -1,
      read: p.availableDays.every((d) => onlyRead('availableDays', d)),
    });
  }
  if (p.maxTravelMinutes !== undefined && c.accessMinutes !== null) {
    parts.push({
      kind: 'travel',
      value: c.accessMinutes <= p.maxTravelMinutes ? 0.5 : -1,
      read: onlyRead('maxTravelMinutes', p.maxTravelMinutes),
    });
  }
  for (const kind of p.avoid ?? []) parts.push({ kind: 'avoid', value: AVOID_FIT[c[DEMAND_COLUMN[kind]]], read: onlyRead('avoid', kind) });
  if (p.preferredAccommodations?.length) {
    const wanted = p.preferredAccommodations;
    const present = (list: string[]) => list.filter((a) => c.accommodations.includes(a)).length;
    const read = wanted.filter((a) => onlyRead('preferredAccommodations', a));
    const entered = wanted.filter((a) => !read.includes(a));
    const part: FitPart = { kind: 'accommodation', value: present(wanted) / wanted.length, read: entered.length === 0 };
    // entered and read wishes in one share: the part is an entered one (weight 1), the read wishes count readWeight inside it
    if (read.length && entered.length)
      part.mixed = {
        structuredPresent: present(entered),
        structuredCount: entered.length,
        readPresent: present(read),
        readCount: read.length,
      };
    parts.push(part);
  }
  parts.push(...understoodFitPartsByKind(c, p, p.availableDays ?? []));
  return parts;
}

/**
 * The weighted mean of fit parts, clamped to −1..1; a kind missing from `partWeights` counts 1; a part built only from
 * read constraints counts `readWeight` more (and a read wish inside a mixed share counts `readWeight` of an entered
 * one); no parts, or only parts of weight 0 → 0. `minTotal` (evaluation only, bench/eval-tuning.ts) divides by at least that
 * much weight, so that parts weighing less than one entered constraint in all pull the fit toward 0.
 */
export function combineFit(parts: FitPart[], partWeights?: Partial<Record<FitPartKind, number>>, readWeight = 1, minTotal = 0): number {
  let sum = 0;
  let total = 0;
  for (const { kind, value, read, mixed } of parts) {
    const w = (partWeights?.[kind] ?? 1) * (read ? readWeight : 1);
    const v =
      mixed && readWeight !== 1
        ? (mixed.structuredPresent + readWeight * mixed.readPresent) / (mixed.structuredCount + readWeight * mixed.readCount)
        : value;
    sum += w * v;
    total += w;
  }
  return total > 0 ? Math.max(-1, Math.min(1, sum / Math.max(total, minTotal))) : 0;
}

/** How well a resource suits the person's constraints: −1 (clashes) .. 1 (fits all). */
export function fitSignal(
  c: Candidate,
  p: PersonPreferences,
  partWeights: Partial<Record<FitPartKind, number>> | undefined = DEFAULT_WEIGHTS.fitParts,
  readWeight: number = DEFAULT_WEIGHTS.readWeight ?? 1,
): number {
  return combineFit(fitParts(c, p), partWeights, readWeight);
}

export function rank<C extends Candidate>(
  candidates: C[],
  person: PersonPreferences,
  weights: RankingWeights = DEFAULT_WEIGHTS,
): Ranked<C>[] {
  return candidates
    .map((candidate) => {
      const signals = {
        vector: candidate.vectorSimilarity,
        lexical: lexicalSignal(candidate.lexicalRank, weights.lexicalHalfRank),
        fit: fitSignal(candidate, person, weights.fitParts, weights.readWeight ?? 1),
        concept: conceptSignal(candidate.concepts, person.concept, person.avoidConcept),
      };
      const score =
        weights.vector * signals.vector + weights.lexical * signals.lexical + weights.fit * signals.fit + weights.concept * signals.concept;
      return { candidate, score, signals };
    })
    .sort((a, b) => b.score - a.score || a.candidate.id.localeCompare(b.candidate.id));
}

const NOTABLE_ACCOMMODATIONS: Accommodation[] = [
  'visit_ok',
  'accompany_ok',
  'trial_ok',
  'short_hours',
  'quiet',
  'small_group',
  'supporter_on_site',
];
const LOW_DEMAND_REASON: Record<DemandKind, string> = {
  talking: '人と話すことが少ない',
  physical: '体力的な負担が軽い',
  literacy: '読み書きがほとんど不要',
};
const HIGH_DEMAND_CAUTION: Record<DemandKind, string> = {
  talking: '人と接することが多い',
  physical: '体力を使う',
  literacy: '読み書きが多い',
};
/**
 * 「希望の内容と近い」 needs the vector signal at least here as well as near the best result's: the search screen's bar
 * reads 「中くらい」 from 0.3 (ResultCard `level`), and a reason must not say near where the bar says 「低い」.
 */
const VECTOR_NEAR_MIN = 0.3;

export const FULL_CAUTION = '現在満員（空き待ち）';

/** Why a result is shown, in plain Japanese: what fits (`reasons`) and what does not (`cautions`). */
export interface Explanation {
  reasons: string[];
  cautions: string[];
}

/**
 * Plain-Japanese reasons a coordinator can read, never a bare number; what works against the person's constraints is
 * a caution, never a reason (a place 25 minutes away is not a reason for someone who can travel 20).
 */
export function explain(r: Ranked, best: Ranked, person: PersonPreferences, wantedDays: Day[]): Explanation {
  const c = r.candidate;
  const out: string[] = [];
  const cautions: string[] = [];
  if (r.signals.vector >= Math.max(best.signals.vector * 0.85, VECTOR_NEAR_MIN)) out.push('希望の内容と近い');
  if (c.matchedTerms.length) out.push(`キーワードが一致（${c.matchedTerms.slice(0, 4).join('・')}）`);
  const days = DAYS.filter((d) => wantedDays.includes(d) && c.scheduleDays.includes(d));
  const cite = (key: string, text: string) => citePhrase(person, key, text);
  if (days.length) out.push(cite(`availableDays:${days[0]}`, `希望の曜日（${days.map((d) => DAY_LABELS[d]).join('・')}）に活動あり`));
  else if (wantedDays.length && c.accommodations.includes('flexible_schedule')) out.push('日時の相談可');
  else if (wantedDays.length && c.scheduleDays.length) {
    cautions.push(`希望の曜日（${wantedDays.map((d) => DAY_LABELS[d]).join('・')}）の活動なし`);
  }
  const understood = understoodExplanation(c, person, wantedDays);
  out.push(...understood.reasons);
  cautions.push(...understood.cautions);
  for (const kind of person.avoid ?? []) {
    const level = c[DEMAND_COLUMN[kind]];
    if (level === 'low') out.push(cite(`avoid:${kind}`, LOW_DEMAND_REASON[kind]));
    if (level === 'high') cautions.push(HIGH_DEMAND_CAUTION[kind]);
  }
  const preferred = (person.preferredAccommodations ?? []).filter((a) => c.accommodations.includes(a));
  const notable = NOTABLE_ACCOMMODATIONS.filter((a) => c.accommodations.includes(a) && !preferred.includes(a));
  for (const a of [...preferred, ...notable].slice(0, 4))
    out.push(cite(`preferredAccommodations:${a}`, ACCOMMODATIONS[a as Accommodation]));
  // Travel is a reason only against a limit the person gave; without one it is on the card already.
  const limit = person.maxTravelMinutes;
  if (limit !== undefined && c.accessMinutes !== null) {
    const where = `${c.nearestStation ?? '最寄り'}から ${c.accessMinutes} 分`;
    if (c.accessMinutes <= limit) out.push(cite(`maxTravelMinutes:${limit}`, `${where}（${limit} 分以内）`));
    else cautions.push(`${where}（希望は ${limit} 分以内）`);
  }
  if (c.vacancies <= 0) cautions.push(FULL_CAUTION);
  return { reasons: out, cautions };
}
