import { Injectable } from '@nestjs/common';
import { areaFilter } from '../access/access.rules';
import type { Actor } from '../auth/actor';
import type { Ranked } from './ranking';
import type { Candidate } from './match.repository';
import { OutcomeRepository, type OutcomeCounts } from './outcome.repository';

/**
 * Outcome-aware ranking: closed placements of people whose needs are near the query nudge the ranking — a small,
 * capped boost where similar people settled (定着), a small penalty where several ended early for the same reason.
 * Privacy: counts of distinct people only, nothing is used or shown below MIN_PEOPLE, only people the actor's area
 * rules allow, never the person searched for. The numbers were not tuned (docs/matching.md, bench/eval-outcomes.ts).
 */
export const OUTCOME_RULES = {
  /** Fewer people than this: the counts are neither used nor shown. */
  minPeople: 3,
  boostPerPerson: 0.01,
  boostCap: 0.04,
  penaltyPerPerson: 0.01,
  penaltyCap: 0.04,
  /** Nearest participants read, and the similarity they need at least. */
  neighbours: 50,
  minSimilarity: 0.6,
  /** Only the first results are looked up (the adjustment cannot lift anything from further down). */
  window: 30,
};

const EARLY_END_LABELS = { withdrew: '本人の中断', hostDeclined: '受入先の辞退', rematched: 'つなぎなおし' } as const;
type EarlyEnd = keyof typeof EARLY_END_LABELS;

export interface OutcomeAdjustment {
  delta: number;
  /** Shown with the result's reasons (settled) or its cautions (ended early), in plain Japanese. */
  reasons: string[];
  cautions: string[];
}

/** Pure: the adjustment of each resource with enough history (resources absent from the map are unchanged). */
export function outcomeAdjustments(counts: OutcomeCounts[], rules = OUTCOME_RULES): Map<string, OutcomeAdjustment> {
  const out = new Map<string, OutcomeAdjustment>();
  for (const c of counts) {
    const a: OutcomeAdjustment = { delta: 0, reasons: [], cautions: [] };
    if (c.settled >= rules.minPeople) {
      a.delta += Math.min(rules.boostCap, rules.boostPerPerson * c.settled);
      a.reasons.push(`似た希望の方が定着しています（${c.settled}件）`);
    }
    const [kind, count] = (Object.keys(EARLY_END_LABELS) as EarlyEnd[])
      .map((k) => [k, c[k]] as const)
      .reduce((a, b) => (b[1] > a[1] ? b : a));
    if (count >= rules.minPeople) {
      a.delta -= Math.min(rules.penaltyCap, rules.penaltyPerPerson * count);
      a.cautions.push(`似た希望の方の終結が同じ理由で続いています（${EARLY_END_LABELS[kind]}・${count}件）`);
    }
    if (a.reasons.length || a.cautions.length) out.set(c.resourceId, a);
  }
  return out;
}

/** Pure: scores shifted by the adjustments and re-sorted (ties as in `rank`). */
export function applyOutcomes<C extends Candidate>(ranked: Ranked<C>[], adjustments: Map<string, OutcomeAdjustment>): Ranked<C>[] {
  if (!adjustments.size) return ranked;
  return ranked
    .map((r) => {
      const a = adjustments.get(r.candidate.id);
      return a ? { ...r, score: r.score + a.delta } : r;
    })
    .sort((a, b) => b.score - a.score || a.candidate.id.localeCompare(b.candidate.id));
}

@Injectable()
export class OutcomeService {
  constructor(private readonly outcomes: OutcomeRepository) {}

  /** The ranking adjusted by the outcomes of similar people, and what to show per adjusted resource. */
  async adjust<C extends Candidate>(
    actor: Actor,
    query: { model: string; vector: Float32Array | number[]; participantId: string | null },
    ranked: Ranked<C>[],
  ): Promise<{ ranked: Ranked<C>[]; explanations: Map<string, OutcomeAdjustment> }> {
    const counts = await this.outcomes.countsNear({
      model: query.model,
      vector: query.vector,
      resourceIds: ranked.slice(0, OUTCOME_RULES.window).map((r) => r.candidate.id),
      areas: areaFilter(actor),
      excludeParticipantId: query.participantId,
      neighbours: OUTCOME_RULES.neighbours,
      minSimilarity: OUTCOME_RULES.minSimilarity,
    });
    const adjustments = outcomeAdjustments(counts);
    return {
      ranked: applyOutcomes(ranked, adjustments),
      explanations: adjustments,
    };
  }
}
