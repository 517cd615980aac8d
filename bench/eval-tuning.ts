/**
 * Re-tuning of the hybrid with understood constraints (issue #17) for bench/eval-matching.ts --tune: coordinate ascent
 * over the signal weights, the lexical half-rank and the weight of each fit kind within `fit`, chosen on 4/5 of the
 * needs and measured on the held-out 1/5 (5-fold cross-validation). The candidate pools are re-ranked in memory; the
 * fit parts of every (need, candidate) pair are computed once (they do not depend on the weights).
 */
import type { Candidate } from '../src/matching/match.repository';
import {
  combineFit,
  fitParts,
  lexicalSignal,
  LEXICAL_HALF_RANK,
  type PersonPreferences,
  type RankingWeights,
} from '../src/matching/ranking';
import type { FitPart, FitPartKind } from '../src/matching/understanding/fit';
import { folds, hitAt, mean, ndcgAt, type Grades } from './metrics';

const K = 10;
const f3 = (x: number) => x.toFixed(3);

const KINDS: FitPartKind[] = [
  'day',
  'travel',
  'avoid',
  'accommodation',
  'timeOfDay',
  'sessionsPerWeek',
  'sessionMinutes',
  'nearHome',
  'noCar',
  'reward',
];

interface Param {
  name: string;
  values: number[];
  get: (w: RankingWeights) => number;
  set: (w: RankingWeights, v: number) => RankingWeights;
}

const steps = (from: number, to: number, step: number) =>
  Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => Math.round((from + i * step) * 100) / 100);

const SIGNALS: Param[] = [
  { name: 'lexical', values: steps(0, 1, 0.05), get: (w) => w.lexical, set: (w, v) => ({ ...w, lexical: v }) },
  { name: 'fit', values: steps(0, 1.2, 0.05), get: (w) => w.fit, set: (w, v) => ({ ...w, fit: v }) },
  {
    name: 'lexicalHalfRank',
    // ts_rank_cd runs ≈ 0–2, Okapi BM25 ≈ 0–40 on the dev set: one grid for both
    values: [0.1, 0.2, 0.4, 0.8, 1.6, 3.2, 6.4, 12.8, 25.6],
    get: (w) => w.lexicalHalfRank ?? LEXICAL_HALF_RANK,
    set: (w, v) => ({ ...w, lexicalHalfRank: v }),
  },
];
/** One weight for a group of fit kinds (all set to the same value). */
const group = (name: string, kinds: FitPartKind[], values = [0, 0.5, 1, 2, 3]): Param => ({
  name: `fitParts.${name}`,
  values,
  get: (w) => w.fitParts?.[kinds[0]] ?? 1,
  set: (w, v) => ({ ...w, fitParts: { ...w.fitParts, ...Object.fromEntries(kinds.map((k) => [k, v])) } }),
});
const STRUCTURED_KINDS: FitPartKind[] = ['day', 'travel', 'avoid', 'accommodation'];
const TEXT_ONLY_KINDS = KINDS.filter((k) => !STRUCTURED_KINDS.includes(k));

/** Search spaces from small to large: the larger ones fit the 80 training needs of a fold more closely (over-fitting). */
export const SPACES: Record<string, Param[]> = {
  signals: SIGNALS,
  'signals + 4 structured kinds + 1 text-only group': [
    ...SIGNALS,
    ...STRUCTURED_KINDS.map((k) => group(k, [k])),
    group('textOnlyKinds', TEXT_ONLY_KINDS),
  ],
  'signals + every kind': [...SIGNALS, ...KINDS.map((k) => group(k, [k]))],
};

interface Row {
  key: string;
  id: string;
  vector: number;
  lexicalRank: number;
  parts: FitPart[];
}

/** One setup: the pools with one set of preferences per need (e.g. structured + understood, or text-only). */
export class InMemoryRanker {
  private readonly rows: Row[][];

  constructor(
    pools: Candidate[][],
    prefs: PersonPreferences[],
    keyOf: Map<string, string>,
    private readonly grades: Grades[],
  ) {
    this.rows = pools.map((pool, i) =>
      pool.map((c) => ({
        key: keyOf.get(c.id)!,
        id: c.id,
        vector: c.vectorSimilarity,
        lexicalRank: c.lexicalRank,
        parts: fitParts(c, prefs[i]),
      })),
    );
  }

  top(i: number, w: RankingWeights): string[] {
    return this.rows[i]
      .map((r) => ({
        r,
        s: w.vector * r.vector + w.lexical * lexicalSignal(r.lexicalRank, w.lexicalHalfRank) + w.fit * combineFit(r.parts, w.fitParts),
      }))
      .sort((a, b) => b.s - a.s || a.r.id.localeCompare(b.r.id))
      .slice(0, K)
      .map((x) => x.r.key);
  }

  perNeed(w: RankingWeights, subset: number[]): Array<{ ndcg: number; hit: number }> {
    return subset.map((i) => {
      const list = this.top(i, w);
      return { ndcg: ndcgAt(list, this.grades[i], K), hit: hitAt(list, this.grades[i], 3, 3) };
    });
  }

  score(w: RankingWeights, subset: number[]): { ndcg: number; hit: number } {
    const xs = this.perNeed(w, subset);
    return { ndcg: mean(xs.map((x) => x.ndcg)), hit: mean(xs.map((x) => x.hit)) };
  }
}

/** Coordinate ascent from `start`: one parameter at a time over its values; moves only on a strictly better nDCG@10 (then hit@3). */
export function ascend(
  ranker: InMemoryRanker,
  start: RankingWeights,
  subset: number[],
  params: Param[],
  maxSweeps = 3,
): { w: RankingWeights; ndcg: number; hit: number } {
  let w = start;
  let best = ranker.score(w, subset);
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let moved = false;
    for (const p of params) {
      for (const v of p.values) {
        if (v === p.get(w)) continue;
        const candidate = p.set(w, v);
        const s = ranker.score(candidate, subset);
        if (s.ndcg > best.ndcg + 1e-9 || (Math.abs(s.ndcg - best.ndcg) <= 1e-9 && s.hit > best.hit + 1e-9)) {
          w = candidate;
          best = s;
          moved = true;
        }
      }
    }
    if (!moved) break;
  }
  return { w, ...best };
}

export const fmtWeights = (w: RankingWeights) => {
  const parts = KINDS.filter((k) => (w.fitParts?.[k] ?? 1) !== 1).map((k) => `${k}: ${w.fitParts![k]}`);
  return (
    `{ vector: ${w.vector}, lexical: ${w.lexical}, fit: ${w.fit}` +
    (w.lexicalHalfRank !== undefined && w.lexicalHalfRank !== LEXICAL_HALF_RANK ? `, lexicalHalfRank: ${w.lexicalHalfRank}` : '') +
    (parts.length ? `, fitParts: { ${parts.join(', ')} }` : '') +
    ' }'
  );
};

/**
 * Tunes on `main` (the production setup: structured + understood), reports the same weights on `textOnly` too.
 * Returns the cross-validated figures so that the caller can say whether to adopt the in-sample optimum.
 */
export function tuneWithUnderstood(main: InMemoryRanker, textOnly: InMemoryRanker, current: RankingWeights, n: number): void {
  const all = Array.from({ length: n }, (_, i) => i);
  const now = main.score(current, all);
  const nowText = textOnly.score(current, all);
  console.log(`\ncoordinate ascent, hybrid + understood (structured + read from the text), all ${n} needs, from the current weights`);
  console.log(
    `  current ${fmtWeights(current)}: nDCG@10 ${f3(now.ndcg)}, hit@3 ${f3(now.hit)}; text-only ${f3(nowText.ndcg)}, ${f3(nowText.hit)}`,
  );
  for (const [space, params] of Object.entries(SPACES)) {
    const t0 = Date.now();
    console.log(`\n  search space: ${space} (${params.length} parameters, ${params.reduce((a, p) => a + p.values.length, 0)} values)`);
    const inSample = ascend(main, current, all, params);
    const inText = textOnly.score(inSample.w, all);
    console.log(
      `  in-sample best ${fmtWeights(inSample.w)}: nDCG@10 ${f3(inSample.ndcg)}, hit@3 ${f3(inSample.hit)}; ` +
        `text-only ${f3(inText.ndcg)}, ${f3(inText.hit)}`,
    );
    const cv = new Array<{ ndcg: number; hit: number }>(n);
    const cvText = new Array<{ ndcg: number; hit: number }>(n);
    for (const [f, test] of folds(n, 5).entries()) {
      const train = all.filter((i) => !test.includes(i));
      const chosen = ascend(main, current, train, params);
      main.perNeed(chosen.w, test).forEach((x, j) => (cv[test[j]] = x));
      textOnly.perNeed(chosen.w, test).forEach((x, j) => (cvText[test[j]] = x));
      const held = main.score(chosen.w, test);
      const heldNow = main.score(current, test);
      console.log(
        `    fold ${f + 1}: train ${f3(chosen.ndcg)}  held-out ${f3(held.ndcg)} (current ${f3(heldNow.ndcg)})  ${fmtWeights(chosen.w)}`,
      );
    }
    const cvN = mean(cv.map((x) => x.ndcg));
    const nowPer = main.perNeed(current, all);
    const better = all.filter((i) => cv[i].ndcg > nowPer[i].ndcg + 1e-9).length;
    const worse = all.filter((i) => cv[i].ndcg < nowPer[i].ndcg - 1e-9).length;
    console.log(`  held-out needs vs current weights: better ${better}, worse ${worse}, unchanged ${n - better - worse}`);
    console.log(
      `  CROSS-VALIDATED: nDCG@10 ${f3(cvN)}, hit@3 ${f3(mean(cv.map((x) => x.hit)))}; text-only ${f3(mean(cvText.map((x) => x.ndcg)))}, ` +
        `${f3(mean(cvText.map((x) => x.hit)))}   (current weights: ${f3(now.ndcg)}, ${f3(now.hit)}; text-only ${f3(nowText.ndcg)}, ` +
        `${f3(nowText.hit)})`,
    );
    console.log(
      `  ${cvN > now.ndcg + 1e-9 ? 'BEATS' : 'does NOT beat'} the current weights cross-validated; target nDCG@10 ≥ 0.80: ` +
        `${cvN >= 0.8 ? 'met' : `not met (${f3(0.8 - cvN)} short)`}  [${((Date.now() - t0) / 1000).toFixed(0)} s]`,
    );
  }
}

/**
 * Merge rules compared (2026-11-29, issue #17): the same pools ranked with the preferences of each rule, at the current
 * weights (in-sample: nothing is tuned) and with the signal weights re-tuned by coordinate ascent on 4/5 of the needs and
 * measured on the held-out 1/5 (5-fold), per rule, so that no rule is judged at weights tuned for another.
 */
export function compareMergeRules(rules: Array<{ name: string; ranker: InMemoryRanker }>, current: RankingWeights, n: number): void {
  const all = Array.from({ length: n }, (_, i) => i);
  console.log('\nmerge rules (structured constraints + what was read), same pools; CV = signals re-tuned per fold (5-fold)');
  console.log(
    '  rule                                                   current nDCG@10 / hit@3   CV nDCG@10 / hit@3   ' +
      'held-out needs vs the first rule: better / worse',
  );
  let base: Array<{ ndcg: number; hit: number }> | undefined;
  for (const { name, ranker } of rules) {
    const now = ranker.score(current, all);
    const cv = new Array<{ ndcg: number; hit: number }>(n);
    for (const test of folds(n, 5)) {
      const train = all.filter((i) => !test.includes(i));
      const chosen = ascend(ranker, current, train, SIGNALS);
      ranker.perNeed(chosen.w, test).forEach((x, j) => (cv[test[j]] = x));
    }
    base ??= cv;
    const better = all.filter((i) => cv[i].ndcg > base![i].ndcg + 1e-9).length;
    const worse = all.filter((i) => cv[i].ndcg < base![i].ndcg - 1e-9).length;
    console.log(
      `  ${name.padEnd(54)} ${f3(now.ndcg)} / ${f3(now.hit)}             ${f3(mean(cv.map((x) => x.ndcg)))} / ` +
        `${f3(mean(cv.map((x) => x.hit)))}        ${better} / ${worse}`,
    );
  }
}
