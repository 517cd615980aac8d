import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import type { HardFilters } from './match.repository';
import { VectorIndex, type Nearest } from './vector-index';
import { INDEX_PAGE_ROWS, VectorIndexRepository } from './vector-index.repository';

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
