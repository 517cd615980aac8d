import { ADDITIVE_KEYS, type BreakdownKind, type BreakdownValue, type Figure, type SuppressedCell } from './report.figures';

/**
 * Small-number suppression for reports that leave the 社協 (docs/reports.md): a breakdown cell about people with a
 * value from 1 to `threshold - 1` is withheld as 「3未満」 (primary); secondary suppression then withholds more cells
 * (「秘匿」) until no withheld cell can be worked out from what is shown — from the figure's total (the column
 * total), from the 年度 minus the other months (the row total), or from several of these together.
 *
 * The model: every shown or withheld number is a cell; every "these add up to that" is a line. A withheld cell is
 * exposed when the lines fix its value: (1) linearly — it is not free in the null space of the lines restricted to
 * the withheld cells; (2) by its bounds — 「3未満」 is 1 to threshold-1 and 「秘匿」 0 or more, narrowed line by line
 * until the cell has one possible value. Each round withholds one more shown cell (a member before a total, not a
 * zero, the smallest) of a line through an exposed cell, until nothing is exposed.
 * Catalogue figures (resources, organisations) are not about people and are not suppressed; zeros are shown.
 */
export function suppressPeriods(periods: Figure[][], threshold: number, opts: { yearTotal?: Figure[] } = {}): Figure[][] {
  const tables = [...periods, ...(opts.yearTotal ? [opts.yearTotal] : [])];
  const out = tables.map((figures) => figures.map((f) => clone(f)));
  const keys = new Set(tables.flatMap((figures) => figures.map((f) => f.key)));
  for (const key of keys) {
    if (!isAboutPeople(key)) continue;
    // The 年度 = the sum of the months only when every month has the figure (a snapshot made under older rules may not).
    const additive = Boolean(opts.yearTotal) && ADDITIVE_KEYS.has(key) && periods.every((figures) => figures.some((f) => f.key === key));
    suppressFigure(
      out.map((figures) => figures.find((f) => f.key === key)),
      threshold,
      additive,
    );
  }
  // A rate would give back a withheld count (定着率 × フォローを終えた終結 = 定着).
  for (const figures of out) {
    const withheld = (k: string) => figures.find((f) => f.key === k)?.suppressed;
    const rate = figures.find((f) => f.key === 'followup.settledRatePercent');
    if (rate && (withheld('followup.settled') || withheld('followup.ended'))) Object.assign(rate, secondary());
  }
  return out;
}

export function isAboutPeople(key: string): boolean {
  return !key.startsWith('catalogue.') && key !== 'followup.settledRatePercent';
}

export const suppressedLabel = (threshold: number) => `${threshold}未満`;
export const SECONDARY_LABEL = '秘匿';

function secondary(): SuppressedCell {
  return { value: null, suppressed: true, display: SECONDARY_LABEL };
}

function clone(f: Figure): Figure {
  const breakdowns = f.breakdowns
    ? Object.fromEntries(Object.entries(f.breakdowns).map(([kind, values]) => [kind, { ...values }]))
    : undefined;
  return { ...f, ...(breakdowns ? { breakdowns } : {}) };
}

export interface Cell {
  value: number;
  /** Shown as 「3未満」 (1 to threshold-1) when withheld; false for 「秘匿」. */
  primary: boolean;
  /** Totals are withheld only when nothing else helps. */
  isTotal: boolean;
  suppressed: boolean;
  write: (cell: SuppressedCell) => void;
}

/** sum(members) = total. */
export interface Line {
  members: number[];
  total: number;
}

/** One figure over the periods (the last is the 年度 total when `additive`): builds cells and lines, then protects. */
function suppressFigure(figures: Array<Figure | undefined>, threshold: number, additive: boolean): void {
  const cells: Cell[] = [];
  const lines: Line[] = [];
  const headline: Array<number | undefined> = figures.map((f) => {
    if (!f || f.value === null) return undefined;
    cells.push({ value: f.value, primary: false, isTotal: true, suppressed: false, write: (c) => Object.assign(f, c) });
    return cells.length - 1;
  });
  const kinds = new Set(figures.flatMap((f) => Object.keys(f?.breakdowns ?? {}))) as Set<BreakdownKind>;
  for (const kind of kinds) {
    const names = [...new Set(figures.flatMap((f) => Object.keys(f?.breakdowns?.[kind] ?? {})))];
    const grid = figures.map((f, p) => {
      if (!f || headline[p] === undefined) return undefined;
      const values = ((f.breakdowns ??= {})[kind] ??= {}) as Record<string, BreakdownValue>;
      const row = names.map((name) => {
        const value = typeof values[name] === 'number' ? (values[name] as number) : 0;
        values[name] = value; // every period lists every value, so an absent one is not a tell
        cells.push({
          value,
          primary: value > 0 && value < threshold,
          isTotal: false,
          suppressed: false,
          write: (c) => (values[name] = c),
        });
        return cells.length - 1;
      });
      lines.push({ members: row, total: headline[p]! });
      return row;
    });
    if (!additive) continue;
    const last = figures.length - 1;
    const months = grid.slice(0, last).filter((row): row is number[] => row !== undefined);
    if (!grid[last]) continue;
    names.forEach((_, i) => lines.push({ members: months.map((row) => row[i]), total: grid[last]![i] }));
  }
  if (additive && headline[figures.length - 1] !== undefined) {
    const months = headline.slice(0, -1).filter((h): h is number => h !== undefined);
    lines.push({ members: months, total: headline[figures.length - 1]! });
  }
  protect(cells, lines, threshold);
  for (const cell of cells) {
    if (cell.suppressed)
      cell.write({ value: null, suppressed: true, display: cell.primary ? suppressedLabel(threshold) : SECONDARY_LABEL });
  }
}

/** Withholds primary cells, then more until no withheld cell is exposed. Exported for the property test. */
export function protect(cells: Cell[], lines: Line[], threshold: number): void {
  for (const cell of cells) if (cell.primary) cell.suppressed = true;
  const members = (line: Line) => [...line.members, line.total];
  for (let guard = 0; guard <= 2 * cells.length; guard++) {
    const exposed = new Set([...linearlyDetermined(cells, lines), ...pinnedByBounds(cells, lines, threshold)]);
    if (!exposed.size) return;
    const through = lines.filter((line) => members(line).some((i) => exposed.has(i)));
    const candidates = [...new Set(through.flatMap(members))].filter((i) => !cells[i].suppressed);
    if (candidates.length) {
      // A shown member rather than a total; not a zero (it could only be larger, which helps little); then the smallest.
      const pick = candidates.sort(
        (a, b) =>
          Number(cells[a].isTotal) - Number(cells[b].isTotal) ||
          Number(cells[a].value === 0) - Number(cells[b].value === 0) ||
          cells[a].value - cells[b].value ||
          a - b,
      )[0];
      cells[pick].suppressed = true;
      continue;
    }
    // Everything around is withheld, yet 「3未満」 itself tells too much (1 + 1 = a 年度 cell below 3): say 「秘匿」.
    const labelled = [...exposed, ...through.flatMap(members)].find((i) => cells[i].primary);
    if (labelled === undefined) return;
    cells[labelled].primary = false;
  }
}

/**
 * Withheld cells pinned to one value by what is known of them — 「3未満」 is 1 to threshold-1, 「秘匿」 is 0 or
 * more — propagated through the lines until nothing narrows further (interval constraint propagation).
 */
export function pinnedByBounds(cells: Cell[], lines: Line[], threshold: number): Set<number> {
  const lo = cells.map((c) => (!c.suppressed ? c.value : c.primary ? 1 : 0));
  const hi = cells.map((c) => (!c.suppressed ? c.value : c.primary ? threshold - 1 : Infinity));
  for (let round = 0, changed = true; changed && round < 100; round++) {
    changed = false;
    const tighten = (i: number, min: number, max: number) => {
      if (min > lo[i]) [lo[i], changed] = [min, true];
      if (max < hi[i]) [hi[i], changed] = [max, true];
    };
    for (const { members, total } of lines) {
      const sumLo = members.reduce((n, i) => n + lo[i], 0);
      const sumHi = members.reduce((n, i) => n + hi[i], 0);
      tighten(total, sumLo, sumHi);
      for (const i of members) tighten(i, lo[total] - (sumHi - hi[i]), hi[total] - (sumLo - lo[i]));
    }
  }
  return new Set(cells.map((c, i) => (c.suppressed && lo[i] === hi[i] ? i : -1)).filter((i) => i >= 0));
}

/** Withheld cells whose value the lines fix (Gauss-Jordan on the lines restricted to the withheld cells). */
export function linearlyDetermined(cells: Cell[], lines: Line[]): Set<number> {
  const hidden = cells.map((c, i) => (c.suppressed ? i : -1)).filter((i) => i >= 0);
  const column = new Map(hidden.map((cell, j) => [cell, j]));
  const rows = lines
    .map((line) => {
      const row = new Array<number>(hidden.length).fill(0);
      for (const m of line.members) if (column.has(m)) row[column.get(m)!] += 1;
      if (column.has(line.total)) row[column.get(line.total)!] -= 1;
      return row;
    })
    .filter((row) => row.some((v) => v !== 0));
  const pivots: Array<[row: number, col: number]> = [];
  let r = 0;
  for (let c = 0; c < hidden.length && r < rows.length; c++) {
    const p = rows.findIndex((row, i) => i >= r && Math.abs(row[c]) > 1e-9);
    if (p < 0) continue;
    [rows[r], rows[p]] = [rows[p], rows[r]];
    const pv = rows[r][c];
    rows[r] = rows[r].map((v) => v / pv);
    for (let i = 0; i < rows.length; i++) {
      if (i === r || Math.abs(rows[i][c]) < 1e-9) continue;
      const f = rows[i][c];
      rows[i] = rows[i].map((v, k) => v - f * rows[r][k]);
    }
    pivots.push([r, c]);
    r++;
  }
  const pivotCols = new Set(pivots.map(([, c]) => c));
  const out = new Set<number>();
  for (const [row, col] of pivots) {
    const free = rows[row].some((v, k) => k !== col && !pivotCols.has(k) && Math.abs(v) > 1e-9);
    if (!free) out.add(hidden[col]);
  }
  return out;
}
