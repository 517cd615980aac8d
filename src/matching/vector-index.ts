import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import type { HardFilters } from './match.repository';
import { INDEX_PAGE_ROWS, VectorIndexRepository, type IndexRow } from './vector-index.repository';

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

/** A full reload, in the background, as a safety net for changes no trigger sees (rows deleted, a restore). */
export const INDEX_RELOAD_MS = 60 * 60 * 1_000;
/** After a failure (or a catalogue above SEARCH_EXACT_MAX_ROWS) the index is not tried again for this long. */
export const INDEX_RETRY_MS = 30_000;

export interface VectorIndexStatus {
  /** off: not needed yet (loaded at the first search); loading: first load running (searches use SQL meanwhile). */
  state: 'off' | 'loading' | 'ready' | 'failed' | 'too_large';
  model: string | null;
  rows: number;
  /** When the last full load finished / the last change read began (ISO 8601), null before. */
  loadedAt: string | null;
  checkedAt: string | null;
}

/** The index's answer and what the candidate statement checks it against (see ResourceVectorIndex). */
export interface IndexAnswer {
  nearest: Nearest[];
  /** xid8 (text): the xmin of the snapshot the index is current to. */
  since: string;
  /** changeFingerprintSql over `since` as the index saw it. */
  fingerprint: string;
  /** Numbers the answers: a delta read begun after this answer was given covers the writes its statement saw. */
  asked: number;
}

interface Loaded {
  model: string;
  index: VectorIndex;
  since: string;
  fingerprint: string;
  loadedAt: number;
  checkedAt: number;
}

/**
 * The API process's exact vector list for catalogues within SEARCH_EXACT_MAX_ROWS (MatchRepository asks it
 * instead of computing every distance in the database, which read ≈ 7,500 wide rows per search).
 *
 * Freshness — no staleness in the answer: each resource row carries the id of the last transaction that changed
 * what the index holds (migration SearchChanges, a trigger). The index remembers the xmin of the snapshot it is
 * current to (`since`) and a fingerprint (count and sum of those ids) of the rows changed at or after it. The
 * candidate statement computes the same fingerprint in its own snapshot, at no extra round trip (an index probe
 * finding no rows in the steady state). A different fingerprint means a write the index has not seen: the search
 * awaits a delta read (the rows changed since `since`, one indexed statement plus one for the new snapshot, shared
 * by the searches arriving meanwhile) and, if the nearest ids changed, runs the candidate statement again. So a
 * search's vector list reflects every write committed before its candidate statement began, by any process (the
 * worker's embeddings included), as the SQL path does. The statement also re-applies the hard filters to the ids.
 * The first load (and a model change) runs in the background while searches use the SQL path; a full reload every
 * INDEX_RELOAD_MS, also in the background, drops rows no trigger reports (deleted; none are in the service).
 *
 * Errors: nothing here throws to the search. On any error it logs (no personal data: the index reads ids, codes
 * and vectors only), drops the index, answers null (the caller uses the SQL path) and retries after INDEX_RETRY_MS.
 * Memory: ≈ 15 MB at 10,000 resources of 384 dimensions (VectorIndex). Only processes that search load it.
 */
@Injectable()
export class ResourceVectorIndex {
  private readonly logger = new Logger('VectorIndex');
  private loaded: Loaded | null = null;
  private loading: { model: string; promise: Promise<void> } | null = null;
  private checking: Promise<void> | null = null;
  /** Answers numbered (IndexAnswer.asked); `covered`: the last answer number a finished delta read began after. */
  private asked = 0;
  private covered = 0;
  private retryAfter = 0;
  private lastFailure: 'failed' | 'too_large' | null = null;

  constructor(
    private readonly repository: VectorIndexRepository,
    private readonly config: AppConfig,
  ) {}

  /**
   * The exact n nearest searchable resources of `model` under `filters`, with what the candidate statement must
   * check; null when the index cannot answer now (loading, failed, too large): the caller then searches in SQL.
   */
  nearest(model: string, query: Float32Array, filters: HardFilters, n: number): IndexAnswer | null {
    try {
      const now = Date.now();
      const loaded = this.loaded;
      if (!loaded || loaded.model !== model) {
        if (now >= this.retryAfter) this.startLoad(model);
        return null;
      }
      if (now - loaded.loadedAt >= INDEX_RELOAD_MS && now >= this.retryAfter) this.startLoad(model);
      if (loaded.index.dim !== query.length) return null;
      const nearest = loaded.index.nearest(query, filters, n);
      return { nearest, since: loaded.since, fingerprint: loaded.fingerprint, asked: ++this.asked };
    } catch (err) {
      this.fail(err);
      return null;
    }
  }

  /**
   * Reads the rows changed since the index's snapshot: the candidate statement run with `answer` found another
   * fingerprint, i.e. a write committed before that statement began. Waits for a delta read that began after
   * `answer` was given (a read already running may have taken its snapshot earlier); the searches asking meanwhile
   * share it. Returns false when the index failed (the caller then searches in SQL).
   */
  async refresh(model: string, answer: IndexAnswer): Promise<boolean> {
    try {
      const loaded = this.loaded;
      if (!loaded || loaded.model !== model) return false;
      while (this.loaded === loaded && this.covered < answer.asked) await this.check(loaded);
      return this.loaded === loaded;
    } catch (err) {
      this.fail(err);
      return false;
    }
  }

  /** Starts the load if needed and waits for it (tests and the bench: the next search then uses the index). */
  async ready(model: string): Promise<boolean> {
    if (!this.loaded || this.loaded.model !== model) {
      this.startLoad(model);
      await this.loading?.promise;
    }
    return this.loaded?.model === model;
  }

  status(): VectorIndexStatus {
    const l = this.loaded;
    const state = l ? 'ready' : this.loading ? 'loading' : (this.lastFailure ?? 'off');
    return {
      state,
      model: l?.model ?? null,
      rows: l?.index.size ?? 0,
      loadedAt: l ? new Date(l.loadedAt).toISOString() : null,
      checkedAt: l ? new Date(l.checkedAt).toISOString() : null,
    };
  }

  private startLoad(model: string): void {
    if (this.loading?.model === model) return;
    const promise = this.load(model)
      .catch((err) => this.fail(err))
      .finally(() => {
        if (this.loading?.promise === promise) this.loading = null;
      });
    this.loading = { model, promise };
  }

  /** Reads every searchable row page by page; the snapshot (and its fingerprint) is taken before the first page. */
  private async load(model: string): Promise<void> {
    const started = Date.now();
    const { xmin, fingerprint } = await this.repository.snapshot();
    let index: VectorIndex | null = null;
    let after: string | null = null;
    for (;;) {
      const rows = await this.repository.searchable(model, after);
      for (const row of rows) {
        index ??= new VectorIndex(row.vector!.length, Math.min(this.config.searchExactMaxRows, 16_384));
        index.apply(row);
      }
      if (index && index.size > this.config.searchExactMaxRows) throw new TooLarge(index.size);
      if (rows.length < INDEX_PAGE_ROWS) break;
      after = rows[rows.length - 1].id;
      if (this.loading?.model !== model) return; // superseded by another model's load
    }
    if (!index) {
      // Nothing searchable yet (the dimension comes with the first vector): the SQL path answers; load again later.
      this.retryAfter = Date.now() + INDEX_RETRY_MS;
      return;
    }
    this.loaded = { model, index, since: xmin, fingerprint, loadedAt: Date.now(), checkedAt: started };
    this.retryAfter = 0;
    this.lastFailure = null;
    this.logger.log({ model, rows: index.size, ms: Date.now() - started }, '検索用ベクトル索引を読み込みました');
  }

  private check(loaded: Loaded): Promise<void> {
    if (!this.checking) {
      const from = this.asked;
      this.checking = this.delta(loaded)
        .then(() => {
          this.covered = Math.max(this.covered, from);
        })
        .finally(() => (this.checking = null));
    }
    return this.checking;
  }

  /** Applies the rows changed since the index's snapshot, page by page, then moves to the new snapshot. */
  private async delta(loaded: Loaded): Promise<void> {
    const started = Date.now();
    const { xmin, fingerprint } = await this.repository.snapshot();
    // A snapshot before the index's: another database (a restore) — reload everything.
    if (BigInt(xmin) < BigInt(loaded.since)) {
      this.loaded = null;
      this.startLoad(loaded.model);
      return;
    }
    let after: { changed: string; id: string } | null = null;
    for (;;) {
      const rows = await this.repository.changed(loaded.model, loaded.since, after);
      for (const row of rows) loaded.index.apply(row);
      if (loaded.index.size > this.config.searchExactMaxRows) throw new TooLarge(loaded.index.size);
      if (rows.length < INDEX_PAGE_ROWS) break;
      const last = rows[rows.length - 1];
      after = { changed: last.changed, id: last.id };
    }
    loaded.since = xmin;
    loaded.fingerprint = fingerprint;
    loaded.checkedAt = started;
  }

  private fail(err: unknown): void {
    this.loaded = null;
    this.retryAfter = Date.now() + INDEX_RETRY_MS;
    if (err instanceof TooLarge) {
      this.lastFailure = 'too_large';
      this.logger.log({ rows: err.rows, max: this.config.searchExactMaxRows }, '検索対象が多いため、ベクトル索引を使わずに検索します');
    } else {
      this.lastFailure = 'failed';
      // The statements read ids, codes and vectors only: the message holds no personal data.
      this.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'ベクトル索引を使えません。SQL で検索します');
    }
  }
}

class TooLarge extends Error {
  constructor(readonly rows: number) {
    super(`${rows} searchable resources`);
  }
}
