/**
 * Variety in the top results: maximal-marginal-relevance re-ranking (Carbonell & Goldstein 1998) across hosts and
 * resource types, so that five openings of one host do not fill the first five places.
 *
 * Greedy: the next result is the remaining one with the highest
 *   λ · score − (1 − λ) · max over already chosen results of similarity
 * where similarity is 1 for the same organisation, `sameType` for another host's opening of the same type, 0 otherwise.
 * Only the first `window` results are re-ordered (the rest keep their order after them), and the first result never
 * changes (nothing is chosen yet), so the best score — which decides unmet needs — is untouched.
 * λ and `sameType` were chosen by 5-fold cross-validation on the dev set (npm run eval:matching -- --tune,
 * docs/matching.md): λ = 1 turns the re-ranking off.
 */
export interface DiversityOptions {
  lambda: number;
  sameType: number;
  window: number;
}

export const DEFAULT_DIVERSITY: DiversityOptions = { lambda: 0.97, sameType: 0.25, window: 20 };

export interface Diversifiable {
  score: number;
  candidate: { organizationId: string; type: string };
}

export function similarity(a: Diversifiable['candidate'], b: Diversifiable['candidate'], sameType: number): number {
  if (a.organizationId === b.organizationId) return 1;
  return a.type === b.type ? sameType : 0;
}

/** The same items, the first `window` of them re-ordered by MMR; a pure function (the input is not changed). */
export function diversify<T extends Diversifiable>(ranked: T[], options: DiversityOptions = DEFAULT_DIVERSITY): T[] {
  const { lambda, sameType, window } = options;
  if (lambda >= 1 || ranked.length < 3) return [...ranked];
  const pool = ranked.slice(0, window);
  const chosen: T[] = [];
  // max similarity of each pooled item to the chosen ones, updated as items are chosen
  const maxSim = pool.map(() => 0);
  const taken = pool.map(() => false);
  while (chosen.length < pool.length) {
    let best = -1;
    let bestValue = -Infinity;
    for (let i = 0; i < pool.length; i++) {
      if (taken[i]) continue;
      const value = lambda * pool[i].score - (1 - lambda) * maxSim[i];
      if (value > bestValue) {
        best = i;
        bestValue = value;
      }
    }
    taken[best] = true;
    chosen.push(pool[best]);
    for (let i = 0; i < pool.length; i++) {
      if (!taken[i]) maxSim[i] = Math.max(maxSim[i], similarity(pool[i].candidate, pool[best].candidate, sameType));
    }
  }
  return [...chosen, ...ranked.slice(window)];
}

/** Distinct organisations among the first k results (the variety metric of the evaluation). */
export function distinctOrganizations(ranked: Diversifiable[], k: number): number {
  return new Set(ranked.slice(0, k).map((r) => r.candidate.organizationId)).size;
}
