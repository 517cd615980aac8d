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
import { conceptSignal } from '../src/matching/understanding/concepts';
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
  { name: 'concept', values: steps(0, 1, 0.05), get: (w) => w.concept, set: (w, v) => ({ ...w, concept: v }) },
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
  concept: number;
}

/** One setup: the pools with one set of preferences per need (e.g. structured + understood, or text-only). */
export class InMemoryRanker {
  private readonly rows: Row[][];

  constructor(
    pools: Candidate[][],
    prefs: PersonPreferences[],
    keyOf: Map<string, string>,
    private readonly grades: Grades[],
    /** combineFit's minTotal: 1 = read parts that weigh less than one entered constraint in all pull fit toward 0. */
    private readonly minTotal = 0,
  ) {
    this.rows = pools.map((pool, i) =>
      pool.map((c) => ({
        key: keyOf.get(c.id)!,
        id: c.id,
        vector: c.vectorSimilarity,
        lexicalRank: c.lexicalRank,
        parts: fitParts(c, prefs[i]),
        concept: conceptSignal(c.concepts, prefs[i].concept, prefs[i].avoidConcept),
      })),
    );
  }

  top(i: number, w: RankingWeights): string[] {
    return this.rows[i]
      .map((r) => ({
        r,
        s:
          w.vector * r.vector +
          w.lexical * lexicalSignal(r.lexicalRank, w.lexicalHalfRank) +
          w.fit * combineFit(r.parts, w.fitParts, w.readWeight ?? 1, this.minTotal) +
          w.concept * r.concept,
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
    `{ vector: ${w.vector}, lexical: ${w.lexical}, fit: ${w.fit}, concept: ${w.concept}` +
    (w.lexicalHalfRank !== undefined && w.lexicalHalfRank !== LEXICAL_HALF_RANK ? `, lexicalHalfRank: ${w.lexicalHalfRank}` : '') +
    ((w.readWeight ?? 1) !== 1 ? `, readWeight: ${w.readWeight}` : '') +
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

/** The weight of a constraint read from the needs text (and not also entered) within `fit`, 0..1 (ranking.ts). */
const READ_WEIGHT: Param = {
  name: 'readWeight',
  values: steps(0, 1, 0.1),
  get: (w) => w.readWeight ?? 1,
  set: (w, v) => ({ ...w, readWeight: v }),
};

/** Cross-validated per-need scores of one setup: `params` tuned by coordinate ascent on each 4/5 of `subset`, measured on the rest. */
function crossValidate(
  ranker: InMemoryRanker,
  others: InMemoryRanker[],
  start: RankingWeights,
  params: Param[],
  subset: number[],
  k = 5,
): {
  per: Map<number, { ndcg: number; hit: number }>;
  others: Array<Map<number, { ndcg: number; hit: number }>>;
  chosen: RankingWeights[];
} {
  const per = new Map<number, { ndcg: number; hit: number }>();
  const otherPer = others.map(() => new Map<number, { ndcg: number; hit: number }>());
  const chosen: RankingWeights[] = [];
  for (const fold of folds(subset.length, k)) {
    const test = fold.map((j) => subset[j]);
    const train = subset.filter((i) => !test.includes(i));
    const w = params.length ? ascend(ranker, start, train, params).w : start;
    chosen.push(w);
    ranker.perNeed(w, test).forEach((x, j) => per.set(test[j], x));
    others.forEach((o, m) => o.perNeed(w, test).forEach((x, j) => otherPer[m].set(test[j], x)));
  }
  return { per, others: otherPer, chosen };
}

const avg = (m: Map<number, { ndcg: number; hit: number }>) => ({
  ndcg: mean([...m.values()].map((x) => x.ndcg)),
  hit: mean([...m.values()].map((x) => x.hit)),
});

/**
 * How much a constraint read from the needs text counts in `fit` against one entered (RankingWeights.readWeight;
 * 2026-11-29, issue #17): fixed values with the signals re-tuned per fold; readWeight tuned jointly with the signals
 * (chosen on each 4/5); structured-only (nothing read) as the other reference; and a nested CV that picks among all
 * those setups on each 4/5 (inner 4-fold CV) and measures the pick on the held-out 1/5.
 */
export function compareReadWeight(
  main: InMemoryRanker,
  textOnly: InMemoryRanker,
  /** `main`'s preferences, fit divided by at least 1 (a read constraint alone counts readWeight of an entered one). */
  shrunk: { main: InMemoryRanker; textOnly: InMemoryRanker },
  structuredOnly: InMemoryRanker,
  noConstraints: InMemoryRanker,
  current: RankingWeights,
  n: number,
  needKeys: string[] = [],
): void {
  const all = Array.from({ length: n }, (_, i) => i);
  const t0 = Date.now();
  console.log('\nread weight (a read, not entered constraint counts readWeight of an entered one in fit), same pools, 5-fold');
  console.log(
    '  setup                                   in-sample nDCG@10 / hit@3 (text-only)    CV nDCG@10 / hit@3 (text-only)     ' +
      'held-out needs vs readWeight 1: better / worse',
  );
  // text: the same setup on the needs with their structured constraints removed (structured only: no constraints at all)
  const setups: Array<{ name: string; ranker: InMemoryRanker; text: InMemoryRanker; start: RankingWeights; params: Param[] }> = [
    ...[1, 0.75, 0.5, 0.25, 0].map((v) => ({
      name: `readWeight ${v}, signals re-tuned`,
      ranker: main,
      text: textOnly,
      start: { ...current, readWeight: v },
      params: SIGNALS,
    })),
    { name: 'readWeight tuned with the signals', ranker: main, text: textOnly, start: current, params: [...SIGNALS, READ_WEIGHT] },
    ...[0.75, 0.5, 0.25].map((v) => ({
      name: `shrink: readWeight ${v}, signals re-tuned`,
      ranker: shrunk.main,
      text: shrunk.textOnly,
      start: { ...current, readWeight: v },
      params: SIGNALS,
    })),
    {
      name: 'shrink: readWeight tuned with signals',
      ranker: shrunk.main,
      text: shrunk.textOnly,
      start: current,
      params: [...SIGNALS, READ_WEIGHT],
    },
    { name: 'structured only (nothing read)', ranker: structuredOnly, text: noConstraints, start: current, params: SIGNALS },
  ];
  const results = setups.map((s) => {
    const inW = s.params.includes(READ_WEIGHT) ? ascend(s.ranker, s.start, all, s.params).w : s.start;
    return { s, inW, cv: crossValidate(s.ranker, [s.text], s.start, s.params, all) };
  });
  const versus = (a: Map<number, { ndcg: number }>, b: Map<number, { ndcg: number }>) =>
    `${all.filter((i) => a.get(i)!.ndcg > b.get(i)!.ndcg + 1e-9).length} / ` +
    `${all.filter((i) => a.get(i)!.ndcg < b.get(i)!.ndcg - 1e-9).length}`;
  const base = results[0].cv.per;
  const structured = results[results.length - 1].cv.per;
  for (const { s, inW, cv } of results) {
    const inS = s.ranker.score(inW, all);
    const inT = s.text.score(inW, all);
    const c = avg(cv.per);
    const ct = avg(cv.others[0]);
    console.log(
      `  ${s.name.padEnd(39)} ${f3(inS.ndcg)} / ${f3(inS.hit)} (${f3(inT.ndcg)} / ${f3(inT.hit)})        ` +
        `${f3(c.ndcg)} / ${f3(c.hit)} (${f3(ct.ndcg)} / ${f3(ct.hit)})      ${versus(cv.per, base)}   ` +
        `(vs structured only ${versus(cv.per, structured)})`,
    );
    if (s.params.includes(READ_WEIGHT)) {
      console.log(`    in-sample best ${fmtWeights(inW)}`);
      cv.chosen.forEach((w, f) => console.log(`    fold ${f + 1} chose ${fmtWeights(w)}`));
      const moved = all
        .map((i) => ({ i, d: cv.per.get(i)!.ndcg - base.get(i)!.ndcg }))
        .filter((x) => Math.abs(x.d) >= 0.05)
        .sort((a, b) => a.d - b.d)
        .map((x) => `${needKeys[x.i] ?? x.i} ${x.d > 0 ? '+' : ''}${x.d.toFixed(2)}`);
      console.log(`    held-out needs moved by 0.05 or more vs readWeight 1: ${moved.join(', ')}`);
    }
  }
  console.log('  (text-only of "structured only": the needs with no constraints at all, nothing read)');
  // Nested: the setup itself chosen on 4/5 (inner 4-fold CV of each setup), measured on the held-out 1/5. Over every
  // setup above (planned), and over the two forms with readWeight tuned (post hoc, after the first run).
  const nestedOver = (label: string, among: typeof setups) => {
    const nested = new Map<number, { ndcg: number; hit: number }>();
    const nestedText = new Map<number, { ndcg: number; hit: number }>();
    for (const [f, test] of folds(n, 5).entries()) {
      const train = all.filter((i) => !test.includes(i));
      const inner = among.map((s) => ({ s, score: avg(crossValidate(s.ranker, [], s.start, s.params, train, 4).per) }));
      const pick = inner.reduce((a, b) =>
        b.score.ndcg > a.score.ndcg + 1e-9 || (Math.abs(b.score.ndcg - a.score.ndcg) <= 1e-9 && b.score.hit > a.score.hit + 1e-9) ? b : a,
      );
      const w = ascend(pick.s.ranker, pick.s.start, train, pick.s.params).w;
      pick.s.ranker.perNeed(w, test).forEach((x, j) => nested.set(test[j], x));
      pick.s.text.perNeed(w, test).forEach((x, j) => nestedText.set(test[j], x));
      console.log(`    nested fold ${f + 1}: picked "${pick.s.name}" (inner CV ${f3(pick.score.ndcg)}), ${fmtWeights(w)}`);
    }
    const nn = avg(nested);
    const nt = avg(nestedText);
    console.log(
      `  ${label.padEnd(39)} –                                      ` +
        `${f3(nn.ndcg)} / ${f3(nn.hit)} (${f3(nt.ndcg)} / ${f3(nt.hit)})   (vs readWeight 1 ${versus(nested, base)}, ` +
        `vs structured only ${versus(nested, structured)})  [${((Date.now() - t0) / 1000).toFixed(0)} s]`,
    );
  };
  nestedOver(`nested CV over all ${setups.length} setups`, setups);
  nestedOver(
    'nested CV over the two tuned forms',
    setups.filter((s) => s.params.includes(READ_WEIGHT)),
  );
}
