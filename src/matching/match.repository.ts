import { createHash } from 'node:crypto';
import { Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { RESOURCE_FROM, resourceSelectOf, type Resource } from '../resources/resource.columns';
import { SUMMARY_PROPERTIES } from '../resources/resource.view';
import { BM25_B, BM25_K1, GRAM_PREFIX } from './bm25';
import { toVectorLiteral } from './embedding-state.repository';
import { ResourceVectorIndex, type IndexAnswer } from './resource-vector-index';
import { changeFingerprintSql } from './vector-index.repository';

export interface HardFilters {
  types?: string[];
  areas?: string[];
  days?: string[];
  maxTravelMinutes?: number;
  accommodations?: string[];
  includeFull: boolean;
}

/** The scores the candidate query adds to a resource's columns. */
export interface CandidateScores {
  /** Cosine similarity of the needs vector and the resource vector. */
  vectorSimilarity: number;
  /** Okapi BM25 of the needs' terms in the resource (src/matching/bm25.ts; 0 when none match). */
  lexicalRank: number;
  /** The needs' lemmas found in the resource, rarest in the catalogue first. */
  matchedTerms: string[];
}

/**
 * What a search reads of a resource: what ranking uses (scheduleDays besides the shown fields) and what a result
 * shows (toResourceSummary). Not the long texts, the address or the timestamps: the candidate statement returns
 * ≈ 190 rows per search, and their wide columns were sent, parsed (dates) and dropped (docs/benchmarks.md).
 */
export const CANDIDATE_PROPERTIES = [...SUMMARY_PROPERTIES, 'scheduleDays', 'concepts'] as const satisfies readonly (keyof Resource)[];

export type Candidate = Pick<Resource, (typeof CANDIDATE_PROPERTIES)[number]> & CandidateScores;

/** A candidate as the candidate statement returns it (the same as Candidate: the search reads no more). */
export type SearchCandidate = Candidate;

const CANDIDATE_SELECT = resourceSelectOf(CANDIDATE_PROPERTIES);

/** A row of the candidate query → the resource's candidate properties with its scores. */
export function toCandidate(row: Record<string, unknown>): SearchCandidate {
  const candidate: Record<string, unknown> = {};
  for (const property of CANDIDATE_PROPERTIES) candidate[property] = row[property];
  return {
    ...(candidate as Pick<Resource, (typeof CANDIDATE_PROPERTIES)[number]>),
    vectorSimilarity: Number(row.vectorSimilarity),
    lexicalRank: Number(row.lexicalRank),
    matchedTerms: row.matchedTerms as string[],
  };
}

export interface SearchLogEntry {
  actorTokenId: string | null;
  actorUserId?: string | null;
  actorRole: string;
  participantId: string | null;
  filters: object;
  resultIds: string[];
  bestScore: number | null;
  unmet: boolean;
  model: string;
}

/** HNSW search effort: enough candidates for re-ranking, iterative so filters still fill them.
 *  ef_search 800: recall@10 0.965 and 0.992 at 100,000 resources (two index builds), where 400 gave
 *  0.945–0.968 over four builds; 800 costs ~15 ms more per search than 400 (docs/benchmarks.md). */
export const EF_SEARCH = 800;
export const MAX_SCAN_TUPLES = 20_000;
/** The settings of an HNSW search, SET LOCAL in its transaction (bench:search sweeps ef_search through them). */
export function hnswSettings(efSearch = EF_SEARCH): string[] {
  return [
    `SET LOCAL hnsw.ef_search = ${efSearch}`,
    'SET LOCAL hnsw.iterative_scan = relaxed_order',
    `SET LOCAL hnsw.max_scan_tuples = ${MAX_SCAN_TUPLES}`,
  ];
}
/** How long a row estimate is reused (statistics change with ANALYZE, at most every reconcile or after a bulk write). */
export const ESTIMATE_TTL_MS = 10_000;
/** Names of the prepared candidate statements start with this (then a generation and the text's hash). */
export const PREPARED_PREFIX = 'search_candidates_';
/** Errors after which a named statement is retried unnamed under a new name: prepared statement missing (26000),
 *  already there (42P05), cached plan's result type changed by a schema change (0A000). */
const RENAME_ON = new Set(['26000', '42P05', '0A000']);
/** Filter sets whose estimates are kept (a bounded map: filters come from a handful of screens). */
const ESTIMATES_KEPT = 500;
/** Ids the in-process index gives beyond k: the SQL re-check drops rows changed since its last refresh
 *  (paused, full, re-embedded) and re-orders by the stored vectors, so a few stale rows cannot shorten the list. */
export function vectorIndexMargin(k: number): number {
  return Math.max(10, Math.ceil(k / 4));
}

@Injectable()
export class MatchRepository {
  private tableRows: { rows: number | null; at: number } | null = null;
  private readonly filteredRows = new Map<string, { rows: number; at: number }>();
  /** Part of the prepared statements' names: raised when the database refused one (see prepared). */
  private statementGeneration = 0;
  private readonly logger = new Logger('MatchRepository');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    /** Absent (a repository built by hand, SEARCH_VECTOR_INDEX=false): the vector list is computed in SQL. */
    @Optional() private readonly vectorIndex?: ResourceVectorIndex,
  ) {}

  /**
   * Union of the nearest resources by vector (cosine) and the best lexical matches (Okapi BM25 over resource_terms),
   * both under the same hard filters, scored in one pass.
   *
   * The vector list is exact when the planner expects at most SEARCH_EXACT_MAX_ROWS resources to pass
   * the filters: every filtered row's distance, read from the row itself (SearchStorage migration).
   * A narrow filter makes the HNSW walk long and lossy instead: for ≈5,000 of 100,000 resources it
   * took p95 196 ms at recall@10 0.87, where the 5,000 distances take ~35 ms (docs/benchmarks.md).
   *
   * When the whole table is within SEARCH_EXACT_MAX_ROWS (or was never analysed) and the process keeps the in-process index
   * (ResourceVectorIndex), the exact list comes from it instead: k + margin ids, re-checked against the hard
   * filters and re-ordered by the stored vectors in the same statement, so the result is the SQL exact list's.
   * Any failure of that path falls back to the SQL one.
   */
  async findCandidates(model: string, vector: Float32Array, terms: string[], filters: HardFilters, k: number): Promise<SearchCandidate[]> {
    const params: unknown[] = [vectorLiteral(vector), k, terms.length ? terms : null];
    const where = hardFilterSql(model, filters, params);
    const exact = (await this.filteredRowsBound(model, filters)) <= this.config.searchExactMaxRows;
    // A table never analysed (size unknown) may try too: the index stops loading above SEARCH_EXACT_MAX_ROWS itself.
    const wholeTableWithin = (this.tableRows?.rows ?? 0) <= this.config.searchExactMaxRows;
    const filtered = narrowsCatalogue(filters);
    if (exact && wholeTableWithin && this.vectorIndex) {
      const fromIndex = await this.fromVectorIndex(model, vector, filters, k, where, params, filtered);
      if (fromIndex) return fromIndex;
    }
    // The exact list needs no settings: one statement, one round trip (no BEGIN/COMMIT around it).
    // The SQL lists stay unnamed: at 100,000 resources the generic plan of the HNSW statement doubled its database CPU
    // (55 → 111 ms per search, docs/benchmarks.md scorecard), so only the in-process index's statement is prepared.
    if (exact) return (await this.candidateQuery(this.dataSource, candidateSql(where, true, filtered), params, false)).map(toCandidate);
    return this.dataSource.transaction(async (manager) => {
      await manager.query(hnswSettings().join('; '));
      return (await this.candidateQuery(manager, candidateSql(where, false, filtered), params, false)).map(toCandidate);
    });
  }

  /**
   * The candidate statement over the ids of the in-process index, with the index's change fingerprint computed in
   * the same snapshot (ResourceVectorIndex): when a write the index has not seen shows, the index reads the change
   * and, if the nearest ids moved, the statement runs again. Null when the index cannot answer or anything failed.
   */
  private async fromVectorIndex(
    model: string,
    vector: Float32Array,
    filters: HardFilters,
    k: number,
    where: string,
    params: unknown[],
    filtered: boolean,
  ): Promise<SearchCandidate[] | null> {
    const index = this.vectorIndex!;
    const n = k + vectorIndexMargin(k);
    try {
      const answer = index.nearest(model, vector, filters, n);
      if (!answer) return null;
      let result = await this.candidatesByIds(where, params, answer, filtered);
      if (result.fingerprint !== answer.fingerprint) {
        if (!(await index.refresh(model, answer))) return null;
        const fresh = index.nearest(model, vector, filters, n);
        if (!fresh) return null;
        if (!sameIds(fresh, answer)) result = await this.candidatesByIds(where, params, fresh, filtered);
      }
      return result.candidates;
    } catch (err) {
      // The code only: a database message may quote the statement's parameters, and the needs words are one of them.
      const { name, code } = err as { name?: string; code?: string };
      this.logger.warn({ err: name, code }, 'ベクトル索引の候補で検索できませんでした。SQL で検索します');
      return null;
    }
  }

  private async candidatesByIds(where: string, params: unknown[], answer: IndexAnswer, filtered: boolean) {
    const withIds = [...params];
    const ids = `$${withIds.push(answer.nearest.map((x) => x.id))}`;
    const since = `$${withIds.push(answer.since)}::xid8`;
    // One row even without candidates, so the fingerprint always comes back.
    const rows = await this.candidateQuery(
      this.dataSource,
      `SELECT f.fingerprint AS "indexFingerprint", c.*
         FROM (SELECT ${changeFingerprintSql(since)} AS fingerprint) f
         LEFT JOIN (${candidateSql(where, true, filtered, ids)}) c ON true`,
      withIds,
      !filtered,
    );
    return {
      fingerprint: rows[0]?.indexFingerprint as string,
      candidates: rows.filter((row) => row.id != null).map(toCandidate),
    };
  }

  /**
   * The candidate statement over the in-process index's ids of a search that no filter narrows (`prepare`), as a
   * named (prepared) statement: the database
   * parses and plans it once per connection instead of once per search (planning was ≈ 6 ms of ≈ 21 ms of database
   * CPU per search; after five runs PostgreSQL keeps its generic plan, which costs no more here). Filtered searches
   * stay unnamed, planned per search: which lexical shape is cheaper depends on how many resources the filter
   * leaves (lexicalCtes), and the generic plan of the moderate filter mix took 30 ms of database CPU instead of 18
   * (docs/benchmarks.md). The name is the text's hash. The embedded server shares one session among its
   * connections and answers a repeated Parse of the same name and text itself (embedded-postgres.server.ts).
   * Should the database still refuse the name (missing, already there, or its result type changed by a
   * migration), the search runs unnamed and the next ones use a new name.
   */
  private async candidateQuery(
    db: Pick<DataSource, 'query'>,
    text: string,
    params: unknown[],
    prepare: boolean,
  ): Promise<Array<Record<string, unknown>>> {
    if (!prepare) return (await db.query(text, params)) as Array<Record<string, unknown>>;
    const name = `${PREPARED_PREFIX}${this.statementGeneration}_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    try {
      // TypeORM hands the query to pg as is: a { name, text } config makes pg send Parse once per connection.
      return (await db.query({ name, text } as unknown as string, params)) as Array<Record<string, unknown>>;
    } catch (err) {
      const { code } = err as { code?: string };
      if (!code || !RENAME_ON.has(code)) throw err;
      this.statementGeneration++;
      this.logger.warn({ code }, '名前付きの検索文を使えなかったため、名前なしで検索しました（次回から別名で準備します）');
      return (await db.query(text, params)) as Array<Record<string, unknown>>;
    }
  }

  /**
   * An upper bound of the rows passing the hard filters, for the exact-or-HNSW choice, without a round trip per
   * search. First the planner's size of the whole table (pg_class, extrapolated to its current pages as the planner
   * does), kept for ESTIMATE_TTL_MS: a catalogue within SEARCH_EXACT_MAX_ROWS is searched exactly whatever the
   * filters. Above it, the planner's estimate for these filters (EXPLAIN, no rows read), kept per filter set for
   * the same time. Without statistics (never analysed) both fall back to the EXPLAIN of today.
   */
  private async filteredRowsBound(model: string, filters: HardFilters): Promise<number> {
    const now = Date.now();
    if (!this.tableRows || now - this.tableRows.at > ESTIMATE_TTL_MS) {
      this.tableRows = { rows: await estimateTableRows(this.dataSource), at: now };
    }
    if (this.tableRows.rows !== null && this.tableRows.rows <= this.config.searchExactMaxRows) return this.tableRows.rows;
    const key = JSON.stringify([
      model,
      filters.types,
      filters.areas,
      filters.days,
      filters.maxTravelMinutes,
      filters.accommodations,
      filters.includeFull,
    ]);
    const cached = this.filteredRows.get(key);
    if (cached && now - cached.at <= ESTIMATE_TTL_MS) return cached.rows;
    const rows = await estimateFilteredRows(this.dataSource, model, filters);
    this.filteredRows.delete(key);
    this.filteredRows.set(key, { rows, at: now });
    while (this.filteredRows.size > ESTIMATES_KEPT) this.filteredRows.delete(this.filteredRows.keys().next().value as string);
    return rows;
  }

  async logSearch(entry: SearchLogEntry): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO search_logs (actor_token_id, actor_role, participant_id, filters, result_ids, best_score, unmet, model, actor_user_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        entry.actorTokenId,
        entry.actorRole,
        entry.participantId,
        JSON.stringify(entry.filters),
        entry.resultIds,
        entry.bestScore,
        entry.unmet,
        entry.model,
        entry.actorUserId ?? null,
      ],
    );
  }
}

/** Okapi BM25 of one posting `p(tf, doc_length, i)` against the query row `t(idfs, avgdl)` (src/matching/bm25.ts). */
const BM25_EXPR = `t.idfs[p.i] * p.tf * ${BM25_K1 + 1} / (p.tf + ${BM25_K1} * (${1 - BM25_B} + ${BM25_B} * p.doc_length / t.avgdl))`;
/** The matched lemmas of a row for its reasons: not bigrams, rarest first. */
const MATCHED_WORDS = `array_agg(p.term ORDER BY t.dfs[p.i], p.term) FILTER (WHERE left(p.term, 1) <> '${GRAM_PREFIX}')`;
/**
 * Postings read per query term by the unfiltered lexical list. Scoring every posting of a word found in a third of a
 * 100,000-resource catalogue cost 240 ms of a 329 ms statement (docs/benchmarks.md, "100,000 resources after this
 * stop's merge"), as ranking all matches did under ts_rank_cd (then capped at 1,000 rows). Rare terms are read whole;
 * a common one contributes at most this many candidates, so `by_words` ranks by partial scores above it, while every
 * returned row's lexicalRank is its exact BM25 (the final SELECT). Binds only above ~2,000 resources per term.
 */
export const LEXICAL_POSTINGS_PER_TERM = 2_000;

/**
 * $1 = needs vector, $2 = k, $3 = needs terms (lemmas and bigrams, queryTerms), then the filters. `exact` orders by
 * similarity, an expression the HNSW index cannot serve, so the planner computes it for every filtered row — or, with
 * `ids` (the parameter holding the in-process index's nearest ids), only for those rows, read by primary key.
 * `filtered`: the request narrows the catalogue (types, areas, days, travel, accommodations), see lexicalCtes.
 */
export function candidateSql(where: string, exact: boolean, filtered = false, ids?: string): string {
  // Exact: ties (identical vectors, e.g. a resource entered twice) broken by id, so that the SQL list and the
  // in-process index's ids (k + margin, re-ordered here) keep the same rows at the k-th place.
  const nearest = exact ? '1 - (r.embedding <=> $1::vector) DESC, r.id' : 'r.embedding <=> $1::vector';
  const onlyIds = ids ? `r.id = ANY(${ids}::uuid[]) AND ` : '';
  return `
    WITH q AS (
      SELECT $1::vector AS v
    ), ${lexicalCtes(where, filtered)}, by_vector AS (
      -- ORDER BY the parameter itself: ordering by q.v (a join column) would hide it from the HNSW index
      SELECT r.id FROM resources r WHERE ${onlyIds}${where}
      ORDER BY ${nearest} LIMIT $2
    )
    SELECT ${CANDIDATE_SELECT},
           1 - (r.embedding <=> q.v) AS "vectorSimilarity",
           coalesce(lexr.bm25, 0) AS "lexicalRank",
           coalesce(lexr.words, '{}'::text[]) AS "matchedTerms"
      FROM ${RESOURCE_FROM} CROSS JOIN q
      -- Each returned row's exact BM25 from its own postings (primary key): lex may hold partial scores (see
      -- LEXICAL_POSTINGS_PER_TERM), and the vector list's rows need theirs too.
      LEFT JOIN LATERAL (
        SELECT sum(${BM25_EXPR})::float8 AS bm25, ${MATCHED_WORDS} AS words
          FROM (SELECT rt.term, rt.tf, rt.doc_length, array_position(lt.terms, rt.term) AS i
                  FROM resource_terms rt CROSS JOIN lex_terms lt
                 WHERE rt.resource_id = r.id AND rt.term = ANY(lt.terms)) p CROSS JOIN lex_terms t
      ) lexr ON true
     WHERE r.id IN (SELECT id FROM by_vector UNION SELECT id FROM by_words)`;
}

/** The needs vector as a pgvector literal, kept with the vector: a repeated search reuses the cached vector
 *  (QueryEmbeddingCache) and so its text (384 numbers printed per search were ≈ 1 % of the service's time). */
const literals = new WeakMap<Float32Array, string>();
function vectorLiteral(vector: Float32Array): string {
  let literal = literals.get(vector);
  if (literal === undefined) literals.set(vector, (literal = toVectorLiteral(vector)));
  return literal;
}

function sameIds(a: IndexAnswer, b: IndexAnswer): boolean {
  return a.nearest.length === b.nearest.length && a.nearest.every((x, i) => x.id === b.nearest[i].id);
}

/**
 * The lexical list: Okapi BM25 (src/matching/bm25.ts) of the resources sharing a term with the needs ($3), from the
 * postings (resource_terms), df per term (lexical_terms) and the corpus row (lexical_corpus), all kept on write.
 * `lex(id, bm25, words)` scores the catalogue's matches (words = matched lemmas, not bigrams, rarest first, for the
 * reasons); `by_words` = the k best under the filters. Two shapes, by measurement (docs/benchmarks.md):
 * - no filter narrows the catalogue: score every posting of the query's terms (read by term), then check the best
 *   ones against status and vacancies by primary key until k pass;
 * - a filter does: score only the postings of the resources that pass it; the planner picks how (a filter leaving 33
 *   resources reads their postings by resource, a broad one checks the postings read by term).
 * The query's terms are one row of arrays (lex_terms), not a table joined per posting: the join made the planner
 * expect 11 postings where 1,095 came, and check the filter once per posting (DB CPU 11.8 ms vs 7.6 before BM25 for
 * a narrow filter, docs/benchmarks.md).
 */
export function lexicalCtes(where: string, filtered: boolean): string {
  return `lex_terms AS (
      -- one row: the query's terms with their df and idf, and avgdl (a join to it per posting upset the row estimates)
      SELECT array_agg(t.term) AS terms, array_agg(t.df) AS dfs,
             array_agg(ln(1 + (c.documents - t.df + 0.5)::float8 / (t.df + 0.5))) AS idfs,
             min(c.total_length / c.documents) AS avgdl
        FROM lexical_terms t CROSS JOIN lexical_corpus c WHERE t.term = ANY($3::text[]) AND t.df > 0
    ), lex_postings AS (${
      filtered
        ? `
      SELECT p.resource_id, p.term, p.tf, p.doc_length, array_position(t.terms, p.term) AS i
        FROM resource_terms p CROSS JOIN lex_terms t
       WHERE p.term = ANY($3::text[]) AND p.resource_id IN (SELECT r.id FROM resources r WHERE ${where})`
        : `
      -- At most LEXICAL_POSTINGS_PER_TERM postings of each term (a common word's postings are cut, in index order)
      SELECT p.resource_id, p.term, p.tf, p.doc_length, array_position(t.terms, p.term) AS i
        FROM lex_terms t CROSS JOIN LATERAL unnest(t.terms) AS qt(term)
        CROSS JOIN LATERAL (SELECT rt.resource_id, rt.term, rt.tf, rt.doc_length FROM resource_terms rt
                             WHERE rt.term = qt.term LIMIT ${LEXICAL_POSTINGS_PER_TERM}) p`
    }
    ), lex AS (
      SELECT p.resource_id AS id, sum(${BM25_EXPR})::float8 AS bm25
        FROM lex_postings p CROSS JOIN lex_terms t
       WHERE p.i IS NOT NULL
       GROUP BY p.resource_id
    ), by_words AS (${
      filtered
        ? `
      SELECT id FROM lex ORDER BY bm25 DESC, id LIMIT $2`
        : `
      -- Best first, each checked by primary key until k pass: the LIMIT inside the LATERAL keeps it from being
      -- flattened into a join (which scanned the wide resources table, in its own order), so it is a nested loop over
      -- the sorted scores that stops at the outer LIMIT.
      SELECT l.id FROM (SELECT id, bm25 FROM lex ORDER BY bm25 DESC, id) l
       CROSS JOIN LATERAL (SELECT 1 FROM resources r WHERE r.id = l.id AND ${where} LIMIT 1) passes
       ORDER BY l.bm25 DESC, l.id LIMIT $2`
    }
    )`;
}

/** Whether the request narrows the catalogue beyond what every search excludes (closed, not embedded, full). */
export function narrowsCatalogue(f: HardFilters): boolean {
  return !!(f.types?.length || f.areas?.length || f.days?.length || f.maxTravelMinutes !== undefined || f.accommodations?.length);
}

/** Appends parameters and returns the WHERE clause shared by both candidate lists. */
export function hardFilterSql(model: string, f: HardFilters, params: unknown[]): string {
  const add = (value: unknown) => `$${params.push(value)}`;
  const clauses = [`r.status = 'open'`, `r.embedding_status = 'ready'`, `r.embedding_model = ${add(model)}`];
  if (!f.includeFull) clauses.push('r.vacancies > 0');
  if (f.types?.length) clauses.push(`r.type = ANY(${add(f.types)}::text[])`);
  if (f.areas?.length) clauses.push(`r.area = ANY(${add(f.areas)}::text[])`);
  if (f.days?.length) clauses.push(`r.schedule_days && ${add(f.days)}::text[]`);
  if (f.maxTravelMinutes !== undefined) clauses.push(`r.access_minutes <= ${add(f.maxTravelMinutes)}::int`);
  if (f.accommodations?.length) clauses.push(`r.accommodations @> ${add(f.accommodations)}::text[]`);
  return clauses.join(' AND ');
}

/** The planner's estimate of the rows passing the hard filters (no rows are read). */
async function estimateFilteredRows(db: Pick<DataSource, 'query'>, model: string, f: HardFilters): Promise<number> {
  const params: unknown[] = [];
  const where = hardFilterSql(model, f, params);
  const [row]: Array<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }> = await db.query(
    `EXPLAIN (FORMAT JSON) SELECT 1 FROM resources r WHERE ${where}`,
    params,
  );
  return row['QUERY PLAN'][0].Plan['Plan Rows'];
}

/**
 * Rows of the resources table as the planner sees them: reltuples scaled to the table's current pages (a table
 * that grew since its last ANALYZE counts as grown); null when it was never analysed. Reads only the catalogue.
 */
export async function estimateTableRows(db: Pick<DataSource, 'query'>): Promise<number | null> {
  const [row]: Array<{ tuples: number; pages: number; current: number }> = await db.query(
    `SELECT /* table rows estimate */ c.reltuples::float8 AS tuples, c.relpages::int AS pages,
            (pg_relation_size(c.oid) / current_setting('block_size')::int)::int AS current
       FROM pg_class c WHERE c.oid = 'resources'::regclass`,
  );
  if (!row || row.tuples < 0) return null;
  if (row.pages <= 0) return row.current > 0 ? null : 0;
  return Math.ceil((row.tuples / row.pages) * Math.max(row.current, row.pages));
}
