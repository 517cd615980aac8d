import type { Candidate } from '../../src/matching/match.repository';
import { combineFit, DEFAULT_WEIGHTS, fitSignal, LEXICAL_HALF_RANK, lexicalSignal, rank, explain } from '../../src/matching/ranking';

function candidate(overrides: Partial<Candidate> = {}): Candidate {
  return {
    id: 'a',
    organizationId: 'o',
    organizationName: '団体',
    type: 'work_experience',
    title: '草取り',
    area: '中央',
    schedule: [{ day: 'tue', start: '09:00', end: '11:00' }],
    scheduleDays: ['tue'],
    frequencyNote: null,
    nearestStation: '中央駅',
    accessMinutes: 10,
    capacity: 3,
    vacancies: 2,
    accommodations: ['visit_ok', 'quiet'],
    concepts: ['farming'],
    demandTalking: 'low',
    demandPhysical: 'high',
    demandLiteracy: 'low',
    reward: 'unpaid',
    vectorSimilarity: 0.5,
    lexicalRank: 0,
    matchedTerms: [],
    ...overrides,
  };
}

describe('ranking', () => {
  it('saturates the lexical signal into 0..1', () => {
    expect(lexicalSignal(0)).toBe(0);
    expect(lexicalSignal(LEXICAL_HALF_RANK)).toBeCloseTo(0.5);
    expect(lexicalSignal(0.4, 0.4)).toBeCloseTo(0.5);
    expect(lexicalSignal(0.4, 0.1)).toBeGreaterThan(lexicalSignal(0.4, 1.6));
    expect(lexicalSignal(100)).toBeLessThan(1);
  });

  it('scores with the default weights: vector + lexical (at the default half-rank) + fit', () => {
    const c = candidate({ vectorSimilarity: 0.6, lexicalRank: 0.3 });
    const [r] = rank([c], { avoid: ['talking'] });
    expect(r.signals).toEqual({ vector: 0.6, lexical: lexicalSignal(0.3, DEFAULT_WEIGHTS.lexicalHalfRank), fit: 1, concept: 0 });
    expect(r.score).toBeCloseTo(DEFAULT_WEIGHTS.vector * 0.6 + DEFAULT_WEIGHTS.lexical * r.signals.lexical + DEFAULT_WEIGHTS.fit * 1);
    // a resource that matches no content word gets no lexical part however the weights are set
    expect(rank([candidate()], {})[0].signals.lexical).toBe(0);
  });

  it('weighs each kind of constraint within fit (a weighted mean, missing kinds count 1)', () => {
    // the day fits (+1), the high physical demand clashes (−1.5)
    const p = { availableDays: ['tue' as const], avoid: ['physical' as const] };
    expect(fitSignal(candidate(), p, {})).toBe(-0.25);
    expect(fitSignal(candidate(), p, { day: 3 })).toBe(0.375);
    expect(fitSignal(candidate(), p, { avoid: 0 })).toBe(1);
    expect(combineFit([{ kind: 'day', value: 1 }], { day: 0 })).toBe(0);
    expect(combineFit([{ kind: 'avoid', value: -1.5 }])).toBe(-1);
    const [byDay] = rank([candidate()], p, { vector: 1, lexical: 0, fit: 1, concept: 0, fitParts: { day: 3 } });
    expect(byDay.signals.fit).toBe(0.375);
  });

  it('scores fit from days, travel, demands to avoid and wanted accommodations', () => {
    expect(fitSignal(candidate(), {})).toBe(0);
    expect(fitSignal(candidate(), { availableDays: ['tue'] })).toBe(1);
    expect(fitSignal(candidate(), { availableDays: ['fri'] })).toBe(-1);
    expect(fitSignal(candidate({ accommodations: ['flexible_schedule'] }), { availableDays: ['fri'] })).toBe(0);
    expect(fitSignal(candidate(), { avoid: ['talking'] })).toBe(1);
    expect(fitSignal(candidate(), { avoid: ['physical'] })).toBe(-1);
    expect(fitSignal(candidate(), { maxTravelMinutes: 5 })).toBe(-1);
    expect(fitSignal(candidate(), { preferredAccommodations: ['quiet', 'seated'] })).toBe(0.5);
  });

  it('orders by the weighted sum and lets constraints reorder close vector scores', () => {
    const loud = candidate({ id: 'loud', vectorSimilarity: 0.52, demandTalking: 'high' });
    const quiet = candidate({ id: 'quiet', vectorSimilarity: 0.5, demandTalking: 'low' });
    expect(rank([loud, quiet], {}).map((r) => r.candidate.id)).toEqual(['loud', 'quiet']);
    expect(rank([loud, quiet], { avoid: ['talking'] }).map((r) => r.candidate.id)).toEqual(['quiet', 'loud']);
  });

  it('explains in Japanese, never with bare numbers alone', () => {
    const [best] = rank([candidate({ matchedTerms: ['草取り'] })], { avoid: ['talking'], availableDays: ['tue'] });
    const { reasons, cautions } = explain(best, best, { avoid: ['talking'], availableDays: ['tue'], maxTravelMinutes: 15 }, ['tue']);
    expect(reasons).toEqual(
      expect.arrayContaining([
        '希望の内容と近い',
        'キーワードが一致（草取り）',
        '希望の曜日（火）に活動あり',
        '人と話すことが少ない',
        '見学可',
        '中央駅から 10 分（15 分以内）',
      ]),
    );
    expect(cautions).toEqual([]);
    for (const reason of reasons) expect(reason).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it('warns about a demand the person wants to avoid, and about a full resource — as cautions, never as reasons', () => {
    const [r] = rank([candidate({ vacancies: 0, demandPhysical: 'high' })], { avoid: ['physical'] });
    const { reasons, cautions } = explain(r, r, { avoid: ['physical'] }, []);
    expect(cautions).toEqual(['体力を使う', '現在満員（空き待ち）']);
    expect(reasons.join()).not.toMatch(/体力を使う|満員/);
  });

  it('a place beyond the travel limit, on other days, is a caution; without a limit travel is no reason', () => {
    const far = candidate({ accessMinutes: 25, nearestStation: '西原駅' });
    const [r] = rank([far], { maxTravelMinutes: 20, availableDays: ['wed'] });
    const { reasons, cautions } = explain(r, r, { maxTravelMinutes: 20, availableDays: ['wed'] }, ['wed']);
    expect(cautions).toEqual(['希望の曜日（水）の活動なし', '西原駅から 25 分（希望は 20 分以内）']);
    expect(reasons.join()).not.toContain('25 分');
    expect(explain(r, r, {}, []).reasons.join()).not.toContain('分');
  });

  it('says 「希望の内容と近い」 only when the meaning signal is not low in itself', () => {
    const [weak] = rank([candidate({ vectorSimilarity: 0.2 })], {});
    expect(explain(weak, weak, {}, []).reasons).not.toContain('希望の内容と近い');
    const [strong] = rank([candidate({ vectorSimilarity: 0.45 })], {});
    expect(explain(strong, strong, {}, []).reasons).toContain('希望の内容と近い');
  });

  it('adds the concept signal: what the place is about against what the needs want and avoid, cited in the reasons', () => {
    const person = { concept: ['farming'], phrases: { 'concept:farming': '土いじり' } };
    const [withConcept] = rank([candidate()], person);
    const [without] = rank([candidate()], {});
    expect(withConcept.signals.concept).toBe(1);
    expect(withConcept.score - without.score).toBeCloseTo(DEFAULT_WEIGHTS.concept);
    expect(explain(withConcept, withConcept, person, []).reasons).toContain('『土いじり』→ 農作業・園芸');
    const avoids = { avoidConcept: ['farming'], phrases: { 'avoidConcept:farming': '畑' } };
    const [avoided] = rank([candidate()], avoids);
    expect(avoided.signals.concept).toBe(-1);
    const { reasons, cautions } = explain(avoided, avoided, avoids, []);
    expect(cautions).toContain('避けたい内容に当たる：農作業・園芸');
    expect(reasons.join()).not.toContain('農作業');
  });
});
