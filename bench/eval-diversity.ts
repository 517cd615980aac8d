/**
 * Variety of the top results (MMR across hosts and types, src/matching/diversity.ts) on the dev set, for
 * bench/eval-matching.ts: nDCG@10 and hit@3 before/after, distinct organisations in the top 5 and 10, and the
 * choice of λ and the same-type similarity by 5-fold cross-validation.
 * Rule (on the training folds): the most variety (distinct organisations in the top 5) whose nDCG@10 cost is at most
 * COST_BUDGET_TRAIN; the held-out cost must stay ≤ 0.01 (the limit).
 */
import type { Candidate } from '../src/matching/match.repository';
import { DEFAULT_DIVERSITY, distinctOrganizations, diversify, type DiversityOptions } from '../src/matching/diversity';
import { rank, type PersonPreferences, type RankingWeights } from '../src/matching/ranking';
import { folds, hitAt, mean, ndcgAt, type Grades } from './metrics';

const K = 10;
/** Half of the allowed 0.01, so that the held-out cost has room. */
const COST_BUDGET_TRAIN = 0.005;
const f3 = (x: number) => x.toFixed(3);

export function evaluateDiversity(
  pools: Candidate[][],
  prefs: PersonPreferences[],
  grades: Grades[],
  keyOf: Map<string, string>,
  weights: RankingWeights,
): void {
  const base = pools.map((pool, i) => rank(pool, prefs[i], weights));
  const settings: DiversityOptions[] = [];
  for (const lambda of [1, 0.97, 0.95, 0.93, 0.9, 0.88, 0.85, 0.8, 0.75, 0.7])
    for (const sameType of [0, 0.25, 0.5]) if (lambda < 1 || sameType === 0) settings.push({ lambda, sameType, window: 20 });
  const perNeed = settings.map((s) =>
    base.map((ranked, i) => {
      const out = diversify(ranked, s);
      const keys = out.slice(0, K).map((r) => keyOf.get(r.candidate.id)!);
      return {
        ndcg: ndcgAt(keys, grades[i], K),
        hit: hitAt(keys, grades[i], 3, 3),
        orgs5: distinctOrganizations(out, 5),
        orgs10: distinctOrganizations(out, 10),
        types5: new Set(out.slice(0, 5).map((r) => r.candidate.type)).size,
      };
    }),
  );
  const avg = (g: number, subset: number[]) => ({
    ndcg: mean(subset.map((i) => perNeed[g][i].ndcg)),
    hit: mean(subset.map((i) => perNeed[g][i].hit)),
    orgs5: mean(subset.map((i) => perNeed[g][i].orgs5)),
    orgs10: mean(subset.map((i) => perNeed[g][i].orgs10)),
    types5: mean(subset.map((i) => perNeed[g][i].types5)),
  });
  const all = pools.map((_, i) => i);
  const off = 0; // settings[0] is λ = 1 (no re-ranking)
  const choose = (subset: number[]) => {
    const ref = avg(off, subset).ndcg;
    return settings
      .map((s, g) => ({ s, g, ...avg(g, subset) }))
      .filter((r) => ref - r.ndcg <= COST_BUDGET_TRAIN)
      .sort((a, b) => b.orgs5 - a.orgs5 || b.ndcg - a.ndcg)[0];
  };
  const fmt = (s: DiversityOptions) => `λ ${s.lambda}, same type ${s.sameType}`;
  console.log(`\nvariety (MMR across hosts and types, window 20) with the weights ${JSON.stringify(weights)}:`);
  console.log('  setting                     nDCG@10  hit@3  orgs@5  orgs@10  types@5');
  const row = (label: string, r: ReturnType<typeof avg>) =>
    console.log(
      `  ${label.padEnd(27)} ${f3(r.ndcg)}    ${f3(r.hit)}  ${r.orgs5.toFixed(2)}    ${r.orgs10.toFixed(2)}     ${r.types5.toFixed(2)}`,
    );
  for (const [g, s] of settings.entries()) if (s.sameType === 0 || s.lambda === 0.9) row(fmt(s), avg(g, all));
  const d = settings.findIndex(
    (s) => s.lambda === DEFAULT_DIVERSITY.lambda && s.sameType === DEFAULT_DIVERSITY.sameType && s.window === DEFAULT_DIVERSITY.window,
  );
  if (d >= 0) row(`service default (${fmt(DEFAULT_DIVERSITY)})`, avg(d, all));
  const best = choose(all);
  row(`chosen (${fmt(best.s)})`, avg(best.g, all));
  console.log(`  chosen on all needs (most orgs@5 with nDCG@10 cost ≤ ${COST_BUDGET_TRAIN}): ${fmt(best.s)}`);

  console.log('  5-fold cross-validation (choose on 4/5, measure on the held-out 1/5):');
  const cvNdcg: number[] = [];
  const cvOff: number[] = [];
  const cvOrgs5: number[] = [];
  const cvOrgs5Off: number[] = [];
  for (const [f, test] of folds(all.length, 5).entries()) {
    const chosen = choose(all.filter((i) => !test.includes(i)));
    for (const i of test) {
      cvNdcg.push(perNeed[chosen.g][i].ndcg);
      cvOff.push(perNeed[off][i].ndcg);
      cvOrgs5.push(perNeed[chosen.g][i].orgs5);
      cvOrgs5Off.push(perNeed[off][i].orgs5);
    }
    const held = avg(chosen.g, test);
    console.log(
      `    fold ${f + 1}: chose ${fmt(chosen.s)}; held-out nDCG@10 ${f3(held.ndcg)} (without MMR ${f3(avg(off, test).ndcg)}), ` +
        `orgs@5 ${held.orgs5.toFixed(2)} (without ${avg(off, test).orgs5.toFixed(2)})`,
    );
  }
  console.log(
    `  cross-validated: nDCG@10 ${f3(mean(cvNdcg))} vs ${f3(mean(cvOff))} without MMR (cost ${f3(mean(cvOff) - mean(cvNdcg))}), ` +
      `orgs@5 ${mean(cvOrgs5).toFixed(2)} vs ${mean(cvOrgs5Off).toFixed(2)}`,
  );
}
