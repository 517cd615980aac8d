import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import type { DemandLevel, ResourceType } from '../common/catalogue.constants';
import type { ScheduleSlot } from '../resources/resource.entity';
import { toVectorLiteral } from './embedding-state.repository';

export interface HardFilters {
  types?: string[];
  areas?: string[];
  days?: string[];
  maxTravelMinutes?: number;
  accommodations?: string[];
  includeFull: boolean;
}

export interface Candidate {
  id: string;
  organizationId: string;
  organizationName: string;
  type: ResourceType;
  title: string;
  area: string;
  schedule: ScheduleSlot[];
  scheduleDays: string[];
  frequencyNote: string | null;
  nearestStation: string | null;
  accessMinutes: number | null;
  capacity: number;
  vacancies: number;
  accommodations: string[];
  demandTalking: DemandLevel;
  demandPhysical: DemandLevel;
  demandLiteracy: DemandLevel;
  reward: string;
  /** Cosine similarity of the needs vector and the resource vector. */
  vectorSimilarity: number;
  /** ts_rank_cd of the needs' content words against the resource's tokens (0 when none match). */
  lexicalRank: number;
  matchedTerms: string[];
}

export interface SearchLogEntry {
  actorTokenId: string | null;
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
/** Lexical matches ranked per search; binds only in catalogues far larger than a municipality's. */
const LEXICAL_CANDIDATES = 1_000;

@Injectable()
export class MatchRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /**
   * Union of the nearest resources by vector (cosine) and the best lexical matches (GIN, ts_rank_cd),
   * both under the same hard filters, scored in one pass.
   *
   * The vector list is exact when the planner expects at most SEARCH_EXACT_MAX_ROWS resources to pass
   * the filters: every filtered row's distance, read from the row itself (SearchStorage migration).
   * A narrow filter makes the HNSW walk long and lossy instead: for ≈5,000 of 100,000 resources it
   * took p95 196 ms at recall@10 0.87, where the 5,000 distances take ~35 ms (docs/benchmarks.md).
   */
  async findCandidates(model: string, vector: Float32Array, terms: string[], filters: HardFilters, k: number): Promise<Candidate[]> {
    const params: unknown[] = [toVectorLiteral(vector), k, terms.length ? terms : null];
    const where = hardFilterSql(model, filters, params);
    return this.dataSource.transaction(async (manager) => {
      const exact = (await estimateFilteredRows(manager, model, filters)) <= this.config.searchExactMaxRows;
      if (!exact) for (const setting of hnswSettings()) await manager.query(setting);
      const rows: Candidate[] = await manager.query(candidateSql(where, exact), params);
      return rows.map((r) => ({ ...r, vectorSimilarity: Number(r.vectorSimilarity), lexicalRank: Number(r.lexicalRank) }));
    });
  }

  async logSearch(entry: SearchLogEntry): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO search_logs (actor_token_id, actor_role, participant_id, filters, result_ids, best_score, unmet, model)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        entry.actorTokenId,
        entry.actorRole,
        entry.participantId,
        JSON.stringify(entry.filters),
        entry.resultIds,
        entry.bestScore,
        entry.unmet,
        entry.model,
      ],
    );
  }
}

/**
 * $1 = needs vector, $2 = k, $3 = needs terms, then the filters. `exact` orders by similarity, an
 * expression the HNSW index cannot serve, so the planner computes it for every filtered row.
 */
function candidateSql(where: string, exact: boolean): string {
  const nearest = exact ? '1 - (r.embedding <=> $1::vector) DESC' : 'r.embedding <=> $1::vector';
  return `
    WITH q AS (
      SELECT $1::vector AS v,
             CASE WHEN $3::text[] IS NULL THEN NULL
                  ELSE to_tsquery('simple', (SELECT string_agg(quote_literal(t), ' | ') FROM unnest($3::text[]) t)) END AS ts
    ), by_vector AS (
      -- ORDER BY the parameter itself: ordering by q.v (a join column) would hide it from the HNSW index
      SELECT r.id FROM resources r WHERE ${where}
      ORDER BY ${nearest} LIMIT $2
    ), by_words AS (
      -- Ranks at most LEXICAL_CANDIDATES matching rows: a common word matches most of a large
      -- catalogue, and ranking all of them cost 0.5 s at 100,000 resources (docs/benchmarks.md).
      SELECT m.id FROM (
        SELECT r.id, r.search_tokens FROM resources r
         WHERE ${where} AND r.search_tokens @@ (SELECT ts FROM q) LIMIT ${LEXICAL_CANDIDATES}
      ) m
      ORDER BY ts_rank_cd(m.search_tokens, (SELECT ts FROM q)) DESC LIMIT $2
    )
    SELECT r.id, r.organization_id AS "organizationId", o.name AS "organizationName", r.type, r.title, r.area,
           r.schedule, r.schedule_days AS "scheduleDays", r.frequency_note AS "frequencyNote",
           r.nearest_station AS "nearestStation", r.access_minutes AS "accessMinutes", r.capacity, r.vacancies,
           r.accommodations, r.demand_talking AS "demandTalking", r.demand_physical AS "demandPhysical",
           r.demand_literacy AS "demandLiteracy", r.reward,
           1 - (r.embedding <=> q.v) AS "vectorSimilarity",
           CASE WHEN q.ts IS NULL THEN 0 ELSE ts_rank_cd(r.search_tokens, q.ts) END AS "lexicalRank",
           CASE WHEN $3::text[] IS NULL THEN '{}'::text[]
                ELSE ARRAY(SELECT t FROM unnest(tsvector_to_array(r.search_tokens)) t WHERE t = ANY($3::text[])) END AS "matchedTerms"
      FROM resources r JOIN organizations o ON o.id = r.organization_id, q
     WHERE r.id IN (SELECT id FROM by_vector UNION SELECT id FROM by_words)`;
}

/** Appends parameters and returns the WHERE clause shared by both candidate lists. */
function hardFilterSql(model: string, f: HardFilters, params: unknown[]): string {
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
async function estimateFilteredRows(manager: EntityManager, model: string, f: HardFilters): Promise<number> {
  const params: unknown[] = [];
  const where = hardFilterSql(model, f, params);
  const [row]: Array<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }> = await manager.query(
    `EXPLAIN (FORMAT JSON) SELECT 1 FROM resources r WHERE ${where}`,
    params,
  );
  return row['QUERY PLAN'][0].Plan['Plan Rows'];
}
