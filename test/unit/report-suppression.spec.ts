import fc from 'fast-check';
import type { Figure } from '../../src/reports/report.figures';
import { suppressPeriods } from '../../src/reports/report.suppression';

/**
 * Small-number suppression (issue 15): whatever the table, no withheld cell can be worked out from what is shown —
 * the column totals (a month's figure), the row totals (an area's 年度), the 年度 total, with the bounds an
 * attacker knows (「3未満」 = 1 or 2; 「秘匿」 = anything from 0). Checked by brute force: for every withheld cell
 * there is another table, consistent with everything shown, in which that cell has a different value.
 */
const THRESHOLD = 3;

interface Unknown {
  actual: number;
  min: number;
  max: number;
}

/** sum(members) = total, over cells that are either known numbers or unknowns (index into `unknowns`). */
type Term = { known: number } | { unknown: number };
interface Constraint {
  members: Term[];
  total: Term;
}

function build(grid: number[][], withYear: boolean) {
  const areas = grid[0].map((_, i) => `地区${i}`);
  const monthFigure = (row: number[]): Figure => ({
    key: 'matches.total',
    label: 'マッチング件数',
    value: row.reduce((a, b) => a + b, 0),
    breakdowns: { area: Object.fromEntries(areas.map((a, i) => [a, row[i]])) },
  });
  const months = grid.map((row) => [monthFigure(row)]);
  const yearRow = areas.map((_, i) => grid.reduce((n, row) => n + row[i], 0));
  const year = withYear ? [monthFigure(yearRow)] : undefined;
  const out = suppressPeriods(months, THRESHOLD, { yearTotal: year });
  return { areas, months: out.slice(0, grid.length).map((f) => f[0]), year: year ? out[grid.length][0] : undefined, yearRow };
}

function model(grid: number[][], withYear: boolean) {
  const { areas, months, year, yearRow } = build(grid, withYear);
  const grand = yearRow.reduce((a, b) => a + b, 0);
  const unknowns: Unknown[] = [];
  const term = (shown: unknown, actual: number): Term => {
    if (typeof shown === 'number') {
      expect(shown).toBe(actual);
      return { known: shown };
    }
    const cell = shown as { display: string; suppressed: boolean; value: null };
    expect(cell.suppressed).toBe(true);
    expect(cell.value).toBeNull();
    if (cell.display === `${THRESHOLD}未満`) {
      expect(actual).toBeGreaterThanOrEqual(1);
      expect(actual).toBeLessThan(THRESHOLD);
      unknowns.push({ actual, min: 1, max: THRESHOLD - 1 });
    } else {
      expect(cell.display).toBe('秘匿');
      // Nothing shown bounds a withheld total from above; a generous finite bound keeps the search finite.
      unknowns.push({ actual, min: 0, max: grand + 20 });
    }
    return { unknown: unknowns.length - 1 };
  };
  const headline = (f: Figure, actual: number) => term(f.suppressed ? f : f.value, actual);
  const constraints: Constraint[] = [];
  const cellTerms = months.map((f, m) => areas.map((a, i) => term(f.breakdowns!.area![a], grid[m][i])));
  const monthTotals = months.map((f, m) =>
    headline(
      f,
      grid[m].reduce((a, b) => a + b, 0),
    ),
  );
  months.forEach((_, m) => constraints.push({ members: cellTerms[m], total: monthTotals[m] }));
  if (year) {
    const yearCells = areas.map((a, i) => term(year.breakdowns!.area![a], yearRow[i]));
    const yearTotal = headline(year, grand);
    constraints.push({ members: yearCells, total: yearTotal });
    areas.forEach((_, i) => constraints.push({ members: cellTerms.map((row) => row[i]), total: yearCells[i] }));
    constraints.push({ members: monthTotals, total: yearTotal });
  }
  return { unknowns, constraints };
}

/**
 * Is there a consistent table in which unknown `target` is not its actual value? Complete depth-first search;
 * at each step the intervals are narrowed through the constraints only to cut branches that cannot succeed.
 */
function hasAlternative(unknowns: Unknown[], constraints: Constraint[], target: number): boolean {
  const narrow = (lo: number[], hi: number[]): boolean => {
    const bound = (t: Term): [number, number] => ('known' in t ? [t.known, t.known] : [lo[t.unknown], hi[t.unknown]]);
    for (let changed = true, round = 0; changed && round < 50; round++) {
      changed = false;
      for (const c of constraints) {
        const ranges = c.members.map(bound);
        const sumLo = ranges.reduce((n, r) => n + r[0], 0);
        const sumHi = ranges.reduce((n, r) => n + r[1], 0);
        const set = (t: Term, min: number, max: number): boolean => {
          if ('known' in t) return t.known >= min && t.known <= max;
          const i = t.unknown;
          if (min > lo[i]) [lo[i], changed] = [min, true];
          if (max < hi[i]) [hi[i], changed] = [max, true];
          return lo[i] <= hi[i];
        };
        const [tlo, thi] = bound(c.total);
        if (!set(c.total, sumLo, sumHi)) return false;
        for (let k = 0; k < c.members.length; k++) {
          if (!set(c.members[k], tlo - (sumHi - ranges[k][1]), thi - (sumLo - ranges[k][0]))) return false;
        }
      }
    }
    return true;
  };
  const search = (lo: number[], hi: number[], first: boolean): boolean => {
    if (!narrow(lo, hi)) return false;
    const open = first ? target : lo.findIndex((v, i) => v !== hi[i]);
    if (open < 0) return true;
    for (let v = lo[open]; v <= hi[open]; v++) {
      if (first && v === unknowns[target].actual) continue;
      const [l, h] = [[...lo], [...hi]];
      l[open] = h[open] = v;
      if (search(l, h, false)) return true;
    }
    return false;
  };
  return search(
    unknowns.map((u) => u.min),
    unknowns.map((u) => u.max),
    true,
  );
}

const small = fc.oneof(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 6 }));
const grids = fc
  .record({ rows: fc.integer({ min: 1, max: 3 }), cols: fc.integer({ min: 1, max: 3 }) })
  .chain(({ rows, cols }) => fc.array(fc.array(small, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }));

describe('small-number suppression', () => {
  it('never lets a withheld cell be recovered from a month’s total (one month)', () => {
    fc.assert(
      fc.property(
        grids.map((g) => [g[0]]),
        (grid) => {
          const { unknowns, constraints } = model(grid, false);
          unknowns.forEach((_, i) =>
            expect({ cell: i, grid, recoverable: !hasAlternative(unknowns, constraints, i) }).toMatchObject({ recoverable: false }),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never lets a withheld cell be recovered from row and column totals (months × areas with the 年度)', () => {
    fc.assert(
      fc.property(grids, (grid) => {
        const { unknowns, constraints } = model(grid, true);
        unknowns.forEach((_, i) =>
          expect({ cell: i, grid, recoverable: !hasAlternative(unknowns, constraints, i) }).toMatchObject({ recoverable: false }),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('shows cells of 3 or more and zeros, and withholds 1 and 2', () => {
    const { months } = build([[0, 1, 5, 7]], false);
    const area = months[0].breakdowns!.area!;
    expect(area['地区0']).toBe(0);
    expect(area['地区1']).toEqual({ value: null, suppressed: true, display: '3未満' });
    expect(area['地区2']).toEqual({ value: null, suppressed: true, display: '秘匿' }); // the smallest cell that gives company
    expect(area['地区3']).toBe(7);
    expect(months[0].value).toBe(13);
  });

  it('leaves catalogue figures (resources, not people) as they are', () => {
    const figure: Figure = { key: 'catalogue.openAtEnd', label: 'つなぎ先', value: 3, breakdowns: { area: { 東: 1, 西: 2 } } };
    expect(suppressPeriods([[figure]], 3)[0][0]).toEqual(figure);
  });
});
