import { distinctOrganizations, diversify, similarity, type Diversifiable } from '../../src/matching/diversity';

const item = (id: string, organizationId: string, type: string, score: number): Diversifiable & { id: string } => ({
  id,
  score,
  candidate: { organizationId, type },
});
const ids = (xs: Array<{ id: string }>) => xs.map((x) => x.id);

describe('diversify (MMR across hosts and types)', () => {
  // five openings of one host on top, then other hosts slightly lower
  const ranked = [
    item('a1', 'A', 'work_experience', 0.9),
    item('a2', 'A', 'work_experience', 0.88),
    item('a3', 'A', 'work_experience', 0.87),
    item('a4', 'A', 'work_experience', 0.86),
    item('a5', 'A', 'work_experience', 0.85),
    item('b1', 'B', 'work_experience', 0.84),
    item('c1', 'C', 'ibasho', 0.83),
    item('d1', 'D', 'volunteer', 0.5),
  ];

  it('lets other hosts into the top 5 when their scores are close', () => {
    const out = diversify(ranked, { lambda: 0.9, sameType: 0, window: 20 });
    expect(ids(out).slice(0, 3)).toEqual(['a1', 'b1', 'c1']);
    expect(distinctOrganizations(out, 5)).toBeGreaterThan(distinctOrganizations(ranked, 5));
  });

  it('keeps the first result and every item, and does not change its input', () => {
    const copy = ids(ranked);
    const out = diversify(ranked, { lambda: 0.8, sameType: 0.3, window: 20 });
    expect(out[0].id).toBe('a1');
    expect(ids(out).sort()).toEqual([...copy].sort());
    expect(ids(ranked)).toEqual(copy);
  });

  it('does not lift a much weaker result over a strong one of the same host', () => {
    const out = diversify(ranked, { lambda: 0.9, sameType: 0, window: 20 });
    expect(ids(out).indexOf('d1')).toBeGreaterThan(ids(out).indexOf('a2'));
  });

  it('is the identity at lambda 1', () => {
    expect(ids(diversify(ranked, { lambda: 1, sameType: 0.5, window: 20 }))).toEqual(ids(ranked));
  });

  it('re-orders only the window', () => {
    const out = diversify(ranked, { lambda: 0.5, sameType: 0, window: 4 });
    expect(ids(out).slice(4)).toEqual(ids(ranked).slice(4));
    expect(ids(out).slice(0, 4).sort()).toEqual(ids(ranked).slice(0, 4).sort());
  });

  it('similarity: 1 for the same host, partial for the same type, 0 otherwise', () => {
    expect(similarity({ organizationId: 'A', type: 'x' }, { organizationId: 'A', type: 'y' }, 0.3)).toBe(1);
    expect(similarity({ organizationId: 'A', type: 'x' }, { organizationId: 'B', type: 'x' }, 0.3)).toBe(0.3);
    expect(similarity({ organizationId: 'A', type: 'x' }, { organizationId: 'B', type: 'y' }, 0.3)).toBe(0);
  });
});
