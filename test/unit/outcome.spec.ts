import type { Actor } from '../../src/auth/actor';
import type { Candidate } from '../../src/matching/match.repository';
import type { OutcomeRepository, OutcomeCounts } from '../../src/matching/outcome.repository';
import { applyOutcomes, outcomeAdjustments, OUTCOME_RULES, OutcomeService } from '../../src/matching/outcome.service';
import type { Ranked } from '../../src/matching/ranking';

const counts = (resourceId: string, c: Partial<OutcomeCounts>): OutcomeCounts => ({
  resourceId,
  settled: 0,
  withdrew: 0,
  hostDeclined: 0,
  rematched: 0,
  ...c,
});
const ranked = (id: string, score: number) => ({
  candidate: { id } as Candidate,
  score,
  signals: { vector: score, lexical: 0, fit: 0, concept: 0 },
});

describe('outcome-aware ranking', () => {
  it('uses and shows nothing below three people', () => {
    expect(outcomeAdjustments([counts('a', { settled: 2, withdrew: 2, hostDeclined: 2 })]).size).toBe(0);
  });

  it('boosts where three or more similar people settled, with the count in the reason', () => {
    const a = outcomeAdjustments([counts('a', { settled: 3 })]).get('a')!;
    expect(a.delta).toBeGreaterThan(0);
    expect(a.reasons).toEqual(['似た希望の方が定着しています（3件）']);
    expect(a.cautions).toEqual([]);
  });

  it('caps the boost and the penalty', () => {
    expect(outcomeAdjustments([counts('a', { settled: 40 })]).get('a')!.delta).toBe(OUTCOME_RULES.boostCap);
    expect(outcomeAdjustments([counts('a', { withdrew: 40 })]).get('a')!.delta).toBe(-OUTCOME_RULES.penaltyCap);
  });

  it('penalises only several early ends for the same reason', () => {
    expect(outcomeAdjustments([counts('a', { withdrew: 2, hostDeclined: 2, rematched: 2 })]).size).toBe(0);
    const a = outcomeAdjustments([counts('a', { hostDeclined: 3 })]).get('a')!;
    expect(a.delta).toBeLessThan(0);
    expect(a.reasons).toEqual([]);
    expect(a.cautions).toEqual(['似た希望の方の終結が同じ理由で続いています（受入先の辞退・3件）']);
  });

  it('re-sorts by the adjusted score and leaves the rest untouched', () => {
    const list = [ranked('a', 0.5), ranked('b', 0.49), ranked('c', 0.3)];
    const out = applyOutcomes(list, outcomeAdjustments([counts('b', { settled: 3 }), counts('a', { withdrew: 3 })]));
    expect(out.map((r) => r.candidate.id)).toEqual(['b', 'a', 'c']);
    expect(out[2]).toBe(list[2]);
    expect(applyOutcomes(list, new Map())).toBe(list);
  });

  it('asks the repository only for people in the actor’s areas, never the person searched for', async () => {
    const countsNear = jest.fn().mockResolvedValue([counts('b', { settled: 4 })]);
    const service = new OutcomeService({ countsNear } as unknown as OutcomeRepository);
    const actor = { role: 'coordinator', areas: ['港'], tokenId: 't' } as unknown as Actor;
    const list: Ranked[] = [ranked('a', 0.5), ranked('b', 0.49)];
    const out = await service.adjust(actor, { model: 'm', vector: [0.1, 0.2], participantId: 'p1' }, list);
    expect(countsNear).toHaveBeenCalledWith(
      expect.objectContaining({
        areas: ['港'],
        excludeParticipantId: 'p1',
        resourceIds: ['a', 'b'],
        minSimilarity: OUTCOME_RULES.minSimilarity,
      }),
    );
    expect(out.ranked[0].candidate.id).toBe('b');
    expect(out.explanations.get('b')?.reasons).toEqual(['似た希望の方が定着しています（4件）']);
  });
});
