import * as fs from 'node:fs';
import * as path from 'node:path';
import { ACCOMMODATIONS, DAYS, DEMAND_KINDS } from '../../src/common/catalogue.constants';

/**
 * The evaluation sets of `npm run eval:matching` (dev) and `-- --heldout` (blind, docs/benchmarks.md 「Concepts」) stay
 * well-formed: every graded key is a resource of the dev catalogue, grades are 1–3, unserved needs grade nothing, and
 * structured constraints use the search's vocabulary — a typo would silently grade nothing or rank without a constraint.
 */
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures', file), 'utf8'));
const devset = read('matching-devset.json');
const resources = new Set<string>(devset.resources.map((r: { key: string }) => r.key));

describe.each([
  ['matching-devset.json', devset.needs],
  ['matching-heldout.json', read('matching-heldout.json').needs],
])(
  '%s',
  (_file, needs: Array<{ key: string; unserved?: boolean; relevance: Record<string, number>; constraints?: Record<string, unknown> }>) => {
    it('has unique keys, grades 1–3 of existing resources, and nothing graded for unserved needs', () => {
      expect(new Set(needs.map((n) => n.key)).size).toBe(needs.length);
      for (const n of needs) {
        const graded = Object.entries(n.relevance);
        if (n.unserved) expect(graded).toEqual([]);
        else expect(graded.length).toBeGreaterThan(0);
        for (const [key, grade] of graded) {
          expect(resources.has(key)).toBe(true);
          expect([1, 2, 3]).toContain(grade);
        }
      }
    });

    it('uses the structured constraints of the search', () => {
      for (const n of needs) {
        const c = n.constraints ?? {};
        expect(
          Object.keys(c).filter((k) => !['availableDays', 'maxTravelMinutes', 'avoid', 'preferredAccommodations'].includes(k)),
        ).toEqual([]);
        for (const d of (c.availableDays as string[] | undefined) ?? []) expect(DAYS).toContain(d);
        for (const a of (c.avoid as string[] | undefined) ?? []) expect(DEMAND_KINDS).toContain(a);
        for (const a of (c.preferredAccommodations as string[] | undefined) ?? []) expect(Object.keys(ACCOMMODATIONS)).toContain(a);
        if (c.maxTravelMinutes !== undefined) expect(c.maxTravelMinutes).toBeGreaterThan(0);
      }
    });
  },
);
