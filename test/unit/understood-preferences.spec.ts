import type { Candidate } from '../../src/matching/match.repository';
import { combineFit, DEFAULT_WEIGHTS, explain, fitParts, fitSignal, rank } from '../../src/matching/ranking';
import { sessionLengthOf, sessionsPerWeekOf, understoodExplanation, understoodFitParts } from '../../src/matching/understanding/fit';
import { mergeUnderstood, STRUCTURED_FIELDS } from '../../src/matching/understanding/preferences';
import type { Understood } from '../../src/matching/understanding/vocabulary';

function candidate(overrides: Partial<Candidate> = {}): Candidate {
  return {
    id: 'r1',
    organizationId: 'o1',
    organizationName: '受入先',
    type: 'ibasho',
    title: '居場所',
    area: '中央',
    schedule: [{ day: 'thu', start: '13:00', end: '16:00' }],
    scheduleDays: ['thu'],
    frequencyNote: null,
    nearestStation: '中央駅',
    accessMinutes: 5,
    capacity: 10,
    vacancies: 3,
    accommodations: [],
    demandTalking: 'low',
    demandPhysical: 'low',
    demandLiteracy: 'low',
    reward: 'unpaid',
    vectorSimilarity: 0.5,
    lexicalRank: 0,
    matchedTerms: [],
    ...overrides,
  } as Candidate;
}

const read: Understood[] = [
  { phrase: '人と話すのが苦手', field: 'avoid', value: 'talking' },
  { phrase: '火曜', field: 'availableDays', value: 'tue' },
  { phrase: '午後から', field: 'timeOfDay', value: 'afternoon' },
  { phrase: '2時間くらい', field: 'sessionMinutes', value: 120 },
  { phrase: 'バスで30分', field: 'maxTravelMinutes', value: 30 },
];

describe('mergeUnderstood', () => {
  it('filled days and travel time decide their field; read wishes (avoid) are added to the ticked ones', () => {
    const { preferences, understood } = mergeUnderstood({ availableDays: ['thu'], avoid: ['physical'] }, read);
    expect(preferences.availableDays).toEqual(['thu']);
    expect(preferences.avoid).toEqual(['physical', 'talking']);
    expect(preferences.timeOfDay).toEqual(['afternoon']);
    expect(preferences.sessionMinutes).toBe(120);
    expect(preferences.maxTravelMinutes).toBe(30);
    expect(understood.find((u) => u.field === 'availableDays')).toMatchObject({ applied: false, label: '参加できる曜日: 火曜' });
    expect(understood.find((u) => u.field === 'avoid')).toMatchObject({ applied: true, label: '避けたいこと: 人と話す' });
    expect(preferences.phrases).toMatchObject({
      'timeOfDay:afternoon': '午後から',
      'maxTravelMinutes:30': 'バスで30分',
      'avoid:talking': '人と話すのが苦手',
    });
    expect(preferences.phrases).not.toHaveProperty('availableDays:tue');
  });

  it('a filled travel time replaces the read one', () => {
    const { preferences, understood } = mergeUnderstood({ maxTravelMinutes: 15 }, read);
    expect(preferences.maxTravelMinutes).toBe(15);
    expect(understood.find((u) => u.field === 'maxTravelMinutes')).toMatchObject({ applied: false });
  });

  it('an empty structured field decides nothing: the read values are used', () => {
    const { preferences, understood } = mergeUnderstood({ availableDays: [], avoid: [], preferredAccommodations: [] }, read);
    expect(preferences.avoid).toEqual(['talking']);
    expect(preferences.availableDays).toEqual(['tue']);
    expect(understood.every((u) => u.applied)).toBe(true);
  });

  it('the measured alternative (every filled field decides) stays available for the evaluation', () => {
    const { preferences, understood } = mergeUnderstood({ availableDays: ['thu'], avoid: ['physical'] }, read, [], STRUCTURED_FIELDS);
    expect(preferences.avoid).toEqual(['physical']);
    expect(understood.find((u) => u.field === 'avoid')).toMatchObject({ applied: false });
  });

  it('drops what the coordinator removed', () => {
    const { preferences, understood } = mergeUnderstood({}, read, [
      { field: 'avoid', value: 'talking' },
      { field: 'sessionMinutes', value: 120 },
    ]);
    expect(preferences.avoid).toBeUndefined();
    expect(preferences.sessionMinutes).toBeUndefined();
    expect(understood.map((u) => u.field)).toEqual(['availableDays', 'timeOfDay', 'maxTravelMinutes']);
  });
});

describe('fit of the understood kinds', () => {
  it('compares the time of day with the schedule hours, on the wanted days when given', () => {
    expect(understoodFitParts(candidate(), { timeOfDay: ['afternoon'] })).toEqual([1]);
    expect(understoodFitParts(candidate(), { timeOfDay: ['morning'] })).toEqual([-1]);
    expect(understoodFitParts(candidate({ accommodations: ['flexible_schedule'] }), { timeOfDay: ['morning'] })).toEqual([0]);
    const twoSlots = candidate({
      schedule: [
        { day: 'mon', start: '09:00', end: '11:00' },
        { day: 'thu', start: '13:00', end: '16:00' },
      ],
    });
    expect(understoodFitParts(twoSlots, { timeOfDay: ['morning'] }, ['thu'])).toEqual([-1]);
    expect(understoodFitParts(candidate({ schedule: [] }), { timeOfDay: ['morning'] })).toEqual([]);
  });

  it('reads session length from the schedule and frequency from the note or the slots', () => {
    expect(sessionLengthOf(candidate())).toBe(180);
    expect(sessionsPerWeekOf(candidate({ frequencyNote: '毎月第2・第4土曜' }))).toBe(0.5);
    expect(sessionsPerWeekOf(candidate({ frequencyNote: '月１回' }))).toBe(0.25);
    expect(sessionsPerWeekOf(candidate())).toBe(1);
    expect(understoodFitParts(candidate(), { sessionMinutes: 120 })).toEqual([-0.5]);
    expect(understoodFitParts(candidate({ accommodations: ['short_hours'] }), { sessionMinutes: 120 })).toEqual([0.25]);
    expect(understoodFitParts(candidate(), { sessionsPerWeek: 1 })).toEqual([0.5]);
  });

  it('prefers nearby places, transport without a car, and paid work when money is wanted', () => {
    expect(understoodFitParts(candidate({ accessMinutes: 25 }), { travel: ['near_home'] })).toEqual([-0.5]);
    expect(understoodFitParts(candidate({ accommodations: ['transport'] }), { travel: ['no_car'] })).toEqual([0.5]);
    expect(understoodFitParts(candidate({ reward: 'honorarium' }), { reward: ['wants_money'] })).toEqual([0.5]);
    expect(understoodFitParts(candidate(), { reward: ['unpaid_ok'] })).toEqual([]);
  });

  it('changes the fit signal and cites the phrase in the reasons', () => {
    const { preferences } = mergeUnderstood({}, read);
    const afternoon = candidate();
    const morning = candidate({ id: 'r2', schedule: [{ day: 'tue', start: '09:00', end: '11:00' }], scheduleDays: ['tue'] });
    expect(fitSignal(afternoon, { avoid: ['talking'] })).toBe(1);
    const [best] = rank([morning, afternoon], { ...preferences, availableDays: undefined });
    expect(best.candidate.id).toBe('r1');
    const text = explain(best, best, preferences, []).reasons;
    expect(text).toEqual(
      expect.arrayContaining(['『人と話すのが苦手』→ 人と話すことが少ない', '『午後から』→ 午後の開催（13:00〜16:00）']),
    );
  });

  it('turns a wish the resource does not meet into a caution, never a reason', () => {
    // thu 13:00–16:00 (180 minutes), unpaid
    const wish = { timeOfDay: ['morning'], sessionMinutes: 120, reward: ['wants_money'] };
    const { reasons, cautions } = understoodExplanation(candidate(), wish);
    expect(reasons).toEqual([]);
    expect(cautions).toEqual(['午前の開催なし', '1 回 180 分（希望は 120 分まで）', '無償の活動']);
  });

  it('calls a frequency a reason only near the wish: 月2回 is not 「週1回」', () => {
    const twiceAMonth = candidate({ frequencyNote: '月2回' });
    const weekly = candidate({ frequencyNote: '週1回' });
    expect(understoodExplanation(twiceAMonth, { sessionsPerWeek: 1 }).reasons).toEqual([]);
    expect(understoodExplanation(weekly, { sessionsPerWeek: 1 }).reasons).toEqual(['週 1 回の開催']);
  });
});

describe('readWeight: a constraint read from the needs text and not also entered', () => {
  it('mergeUnderstood lists the applied values that came only from the text; a value also entered is not one', () => {
    const { preferences } = mergeUnderstood({ availableDays: ['thu'], avoid: ['talking'] }, read);
    // talking was ticked too; the read days were replaced by the entered ones (not applied)
    expect(preferences.readOnly).toEqual(['timeOfDay:afternoon', 'sessionMinutes:120', 'maxTravelMinutes:30']);
    // the phrase is still cited for a value that was also entered
    expect(preferences.phrases).toMatchObject({ 'avoid:talking': '人と話すのが苦手' });
    expect(mergeUnderstood({ avoid: ['talking'] }, []).preferences.readOnly).toBeUndefined();
  });

  it('tags each fit part built only from read values', () => {
    const { preferences } = mergeUnderstood({ availableDays: ['thu'] }, read);
    const parts = fitParts(candidate(), preferences);
    expect(parts.map((p) => [p.kind, p.read ?? false])).toEqual([
      ['day', false],
      ['travel', true],
      ['avoid', true],
      ['timeOfDay', true],
      ['sessionMinutes', true],
    ]);
  });

  it('counts a read part readWeight of an entered one in the fit average (1 = the same, the default)', () => {
    // entered: Friday, the resource meets on Thursday only (−1); read: 人と話すのが苦手, the resource asks little talking (+1)
    const p = mergeUnderstood({ availableDays: ['fri'] }, [read[0]]).preferences;
    expect(fitSignal(candidate(), p)).toBe(0);
    expect(fitSignal(candidate(), p, undefined, 1)).toBe(0);
    expect(fitSignal(candidate(), p, undefined, 0.5)).toBeCloseTo(-1 / 3);
    expect(fitSignal(candidate(), p, undefined, 0)).toBe(-1);
    expect(DEFAULT_WEIGHTS.readWeight ?? 1).toBe(1);
    const [r] = rank([candidate()], p, { vector: 1, lexical: 0, fit: 1, concept: 0, readWeight: 0.5 });
    expect(r.signals.fit).toBeCloseTo(-1 / 3);
  });

  it('readWeight 0 ranks as the entered constraints alone, also inside a share of entered and read accommodations', () => {
    const wishes: Understood[] = [{ phrase: '座ってできる', field: 'preferredAccommodations', value: 'seated' }];
    const p = mergeUnderstood({ preferredAccommodations: ['quiet'] }, wishes).preferences;
    const quietOnly = candidate({ accommodations: ['quiet'] });
    expect(fitSignal(quietOnly, p)).toBe(0.5);
    expect(fitSignal(quietOnly, p, undefined, 0)).toBe(fitSignal(quietOnly, { preferredAccommodations: ['quiet'] }));
    expect(fitSignal(quietOnly, p, undefined, 0.5)).toBeCloseTo(2 / 3);
    // nothing entered: fit 0 at readWeight 0, as with no constraints
    expect(fitSignal(candidate(), mergeUnderstood({}, read).preferences, undefined, 0)).toBe(0);
  });

  it('cannot change a fit made of read parts alone (a weighted mean), unless the total is floored (minTotal)', () => {
    const p = mergeUnderstood({}, [read[0]]).preferences;
    expect(fitSignal(candidate(), p, undefined, 0.25)).toBe(fitSignal(candidate(), p, undefined, 1));
    const parts = fitParts(candidate(), p);
    expect(combineFit(parts, undefined, 0.25, 1)).toBe(0.25);
    expect(combineFit(parts, undefined, 1, 1)).toBe(combineFit(parts));
  });

  it('does not change the reasons: a read constraint that counts less still cites its phrase', () => {
    const p = mergeUnderstood({ availableDays: ['thu'] }, read).preferences;
    const [full] = rank([candidate()], p);
    const [less] = rank([candidate()], p, { ...DEFAULT_WEIGHTS, readWeight: 0.25 });
    expect(explain(less, less, p, ['thu'])).toEqual(explain(full, full, p, ['thu']));
    expect(explain(less, less, p, ['thu']).reasons).toContain('『人と話すのが苦手』→ 人と話すことが少ない');
  });
});
