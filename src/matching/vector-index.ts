import type { HardFilters } from './match.repository';
import type { IndexRow } from './vector-index.repository';

/** A resource the exact scan found, with its cosine similarity to the query. */
export interface Nearest {
  id: string;
  similarity: number;
}

/**
 * An exact vector index in memory: the normalised vectors of the searchable resources in one Float32Array
 * (row-major, `dim` floats per row) and their hard-filter columns beside it. `nearest` computes the cosine
 * similarity (the dot product of normalised vectors) of every row that passes the filters — the same filters,
 * with the same NULL rules, as `hardFilterSql` in match.repository.ts — and keeps the best n.
 *
 * Memory: 4 × dim bytes per row for the vector (10,000 × 384 × 4 B ≈ 15 MB) plus ≈ 0.3 kB of filter columns and
 * id. Time: a full scan of 10,000 × 384 takes ≈ 5 ms of one core (docs/benchmarks.md, "In-process exact vector
 * list"). Rows are swapped into the freed slot on removal, so the arrays stay dense.
 */
export class VectorIndex {
  private vectors: Float32Array;
  private ids: string[] = [];
  private types: string[] = [];
  private areas: string[] = [];
  private days: string[][] = [];
  /** access_minutes; -1 for NULL (the column is ≥ 0 by constraint). */
  private access: Int32Array;
  private vacancies: Int32Array;
  private accommodations: string[][] = [];
  private readonly slots = new Map<string, number>();

  constructor(
    readonly dim: number,
    capacity = 1_024,
  ) {
    this.vectors = new Float32Array(Math.max(1, capacity) * dim);
    this.access = new Int32Array(Math.max(1, capacity));
    this.vacancies = new Int32Array(Math.max(1, capacity));
  }

  get size(): number {
    return this.ids.length;
  }

  has(id: string): boolean {
    return this.slots.has(id);
  }

  /** Adds or replaces a searchable row, removes any other (and a vector of another dimension: never comparable). */
  apply(row: IndexRow): void {
    if (!row.searchable || !row.vector || row.vector.length !== this.dim) {
      this.remove(row.id);
      return;
    }
    let slot = this.slots.get(row.id);
    if (slot === undefined) {
      slot = this.ids.length;
      this.grow(slot + 1);
      this.ids.push(row.id);
      this.slots.set(row.id, slot);
    }
    this.types[slot] = row.type;
    this.areas[slot] = row.area;
    this.days[slot] = row.scheduleDays;
    this.access[slot] = row.accessMinutes ?? -1;
    this.vacancies[slot] = row.vacancies;
    this.accommodations[slot] = row.accommodations;
    this.vectors.set(normalised(row.vector), slot * this.dim);
  }

  remove(id: string): void {
    const slot = this.slots.get(id);
    if (slot === undefined) return;
    const last = this.ids.length - 1;
    if (slot !== last) {
      const moved = this.ids[last];
      this.ids[slot] = moved;
      this.types[slot] = this.types[last];
      this.areas[slot] = this.areas[last];
      this.days[slot] = this.days[last];
      this.access[slot] = this.access[last];
      this.vacancies[slot] = this.vacancies[last];
      this.accommodations[slot] = this.accommodations[last];
      this.vectors.copyWithin(slot * this.dim, last * this.dim, (last + 1) * this.dim);
      this.slots.set(moved, slot);
    }
    this.slots.delete(id);
    this.ids.pop();
    this.types.pop();
    this.areas.pop();
    this.days.pop();
    this.accommodations.pop();
  }

  /**
   * The n rows most similar to `query` among those passing `filters`, best first (ties in no particular order).
   * `query` need not be normalised. Exact: every passing row is compared.
   */
  nearest(query: Float32Array, filters: HardFilters, n: number): Nearest[] {
    if (query.length !== this.dim) throw new Error(`query has ${query.length} dimensions, the index ${this.dim}`);
    if (n <= 0 || !this.ids.length) return [];
    const q = normalised(query);
    const dim = this.dim;
    const v = this.vectors;
    const types = filters.types?.length ? new Set(filters.types) : null;
    const areas = filters.areas?.length ? new Set(filters.areas) : null;
    const days = filters.days?.length ? filters.days : null;
    const wanted = filters.accommodations?.length ? filters.accommodations : null;
    // SQL: access_minutes <= $n::int — false for a NULL column and for a NULL limit.
    const maxTravel = filters.maxTravelMinutes === undefined ? null : (filters.maxTravelMinutes ?? -1);
    if (maxTravel !== null && !(maxTravel >= 0)) return [];
    const heap = new TopN(n);
    for (let slot = 0; slot < this.ids.length; slot++) {
      if (!filters.includeFull && this.vacancies[slot] <= 0) continue;
      if (types && !types.has(this.types[slot])) continue;
      if (areas && !areas.has(this.areas[slot])) continue;
      if (maxTravel !== null && (this.access[slot] < 0 || this.access[slot] > maxTravel)) continue;
      if (days && !overlaps(this.days[slot], days)) continue;
      if (wanted && !containsAll(this.accommodations[slot], wanted)) continue;
      let dot = 0;
      const base = slot * dim;
      let i = 0;
      for (; i + 3 < dim; i += 4) {
        dot += q[i] * v[base + i] + q[i + 1] * v[base + i + 1] + q[i + 2] * v[base + i + 2] + q[i + 3] * v[base + i + 3];
      }
      for (; i < dim; i++) dot += q[i] * v[base + i];
      heap.offer(dot, slot);
    }
    return heap.sorted().map(({ score, slot }) => ({ id: this.ids[slot], similarity: score }));
  }

  private grow(rows: number): void {
    const capacity = this.access.length;
    if (rows <= capacity) return;
    const next = Math.max(rows, capacity * 2);
    const vectors = new Float32Array(next * this.dim);
    vectors.set(this.vectors);
    this.vectors = vectors;
    const access = new Int32Array(next);
    access.set(this.access);
    this.access = access;
    const vacancies = new Int32Array(next);
    vacancies.set(this.vacancies);
    this.vacancies = vacancies;
  }
}

/** The vector scaled to length 1 (a copy); a zero vector stays zero (similarity 0 to everything). */
export function normalised(vector: ArrayLike<number>): Float32Array {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += vector[i] * vector[i];
  const out = Float32Array.from(vector);
  if (sum > 0 && Math.abs(sum - 1) > 1e-6) {
    const scale = 1 / Math.sqrt(sum);
    for (let i = 0; i < out.length; i++) out[i] *= scale;
  }
  return out;
}

/** SQL `&&` on text arrays. */
function overlaps(row: string[], wanted: string[]): boolean {
  for (const w of wanted) if (row.includes(w)) return true;
  return false;
}

/** SQL `@>` on text arrays: every wanted value is in the row. */
function containsAll(row: string[], wanted: string[]): boolean {
  for (const w of wanted) if (!row.includes(w)) return false;
  return true;
}

/** The n best scores seen, in a min-heap (the worst kept on top, replaced by anything better). */
class TopN {
  private readonly scores: Float64Array;
  private readonly slots: Int32Array;
  private count = 0;

  constructor(private readonly n: number) {
    this.scores = new Float64Array(n);
    this.slots = new Int32Array(n);
  }

  offer(score: number, slot: number): void {
    if (this.count < this.n) {
      let i = this.count++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (this.scores[parent] <= score) break;
        this.scores[i] = this.scores[parent];
        this.slots[i] = this.slots[parent];
        i = parent;
      }
      this.scores[i] = score;
      this.slots[i] = slot;
      return;
    }
    if (score <= this.scores[0]) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.count) break;
      const right = left + 1;
      const child = right < this.count && this.scores[right] < this.scores[left] ? right : left;
      if (this.scores[child] >= score) break;
      this.scores[i] = this.scores[child];
      this.slots[i] = this.slots[child];
      i = child;
    }
    this.scores[i] = score;
    this.slots[i] = slot;
  }

  sorted(): Array<{ score: number; slot: number }> {
    const out: Array<{ score: number; slot: number }> = [];
    for (let i = 0; i < this.count; i++) out.push({ score: this.scores[i], slot: this.slots[i] });
    return out.sort((a, b) => b.score - a.score);
  }
}
