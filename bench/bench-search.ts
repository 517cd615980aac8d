/**
 * `npm run bench:search [-- --sizes 10000,100000 --queries 200]`
 *
 * Search performance at catalogue scale, on the embedded PostgreSQL (PGlite + pgvector)
 * the service runs on. For each size, in a fresh database in a temp dir:
 *   1. builds a synthetic catalogue (Japanese phrase fragments → distinct texts), with
 *      search_tokens from JapaneseTokenizer and embeddings from the real local model
 *      (EmbeddingModelRepository: child process, batches of EMBEDDING_BATCH_SIZE);
 *   2. builds the HNSW index after loading (the migration's index is dropped first) and times it;
 *   3. times MatchRepository.findCandidates exactly as MatchService calls it (k = 100, the
 *      needs already embedded) without filters, with filters and with a selective filter,
 *      first without planner statistics (a fresh embedded database: no autovacuum, until the
 *      reconciler's first ANALYZE), then after ANALYZE together with proposed changes to the
 *      SQL, then POST /api/v1/matches/search on the real app over loopback HTTP;
 *   4. measures HNSW recall@10 / @100 against exact search with the same WHERE, and sweeps ef_search;
 *   5. prints markdown tables and writes them to docs/benchmarks.md.
 * Everything it starts (app, model processes, database, temp dir, Redis keys under its own
 * QUEUE_PREFIX) is removed at the end, also on Ctrl-C.
 *
 * Other options: --no-http, --no-docs, --no-proposals, --explain (print EXPLAIN ANALYZE of the
 * service SQL), --keep (keep each database dir, with the load figures in bench-meta.json),
 * --data-dir DIR (one size only: measure again on a kept database instead of loading a new one;
 * its planner statistics are deleted first, so that it starts "as deployed" again).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import Redis from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/app.setup';
import { loadConfig, type AppConfig } from '../src/config/app-config';
import { dataSourceOptions, prepareDatabase } from '../src/database/data-source';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/database/embedded-postgres';
import { EmbeddingModelRepository } from '../src/matching/embedding-model.repository';
import { JapaneseTokenizer } from '../src/common/japanese/tokenizer';
import {
  EF_SEARCH,
  hnswSettings,
  MAX_SCAN_TUPLES,
  MatchRepository,
  toCandidate,
  type Candidate,
  type HardFilters,
} from '../src/matching/match.repository';
import { DEFAULT_WEIGHTS, rank } from '../src/matching/ranking';
import { DAYS, RESOURCE_TYPES } from '../src/common/catalogue.constants';
import { resourcePassage } from '../src/resources/resource-text';
import { AREA_NAMES, AREAS, needsTexts, rng, syntheticResource, TYPE_WEIGHTS, type Rng } from './synthetic-catalogue';
import { loadCatalogue } from './search-catalogue';
import { deleteKeys, fmtInt, logger, machine, mean, ms, percentile, timed, writeDocsSection, type Machine } from './bench-support';

// ---------------------------------------------------------------------------
// options

interface Options {
  sizes: number[];
  queries: number;
  http: boolean;
  docs: boolean;
  keep: boolean;
  explain: boolean;
  proposals: boolean;
  dataDir?: string;
}

const USAGE = 'options: --sizes 10000,100000 --queries 200 --no-http --no-docs --no-proposals --keep --explain --data-dir DIR';

function parseOptions(argv: string[]): Options {
  const o: Options = { sizes: [10_000, 100_000], queries: 200, http: true, docs: true, keep: false, explain: false, proposals: true };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--sizes':
        o.sizes = value()
          .split(',')
          .map((s) => Number(s.replace(/_/g, '').replace(/k$/i, '000')));
        break;
      case '--queries':
        o.queries = Number(value());
        break;
      case '--no-http':
        o.http = false;
        break;
      case '--no-docs':
        o.docs = false;
        break;
      case '--no-proposals':
        o.proposals = false;
        break;
      case '--keep':
        o.keep = true;
        break;
      case '--explain':
        o.explain = true;
        break;
      case '--data-dir':
        o.dataDir = path.resolve(value());
        break;
      case '--help':
      case '-h':
        process.stdout.write(`npm run bench:search -- [${USAGE.slice(9)}]\n`);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${argv[i]} (${USAGE})`);
    }
  }
  if (!o.sizes.length || o.sizes.some((n) => !Number.isInteger(n) || n < 100)) throw new Error('--sizes: comma-separated integers ≥ 100');
  if (!Number.isInteger(o.queries) || o.queries < 10) throw new Error('--queries: an integer ≥ 10');
  if (o.dataDir && o.sizes.length !== 1) throw new Error('--data-dir: give the one size of that database with --sizes');
  return o;
}

// ---------------------------------------------------------------------------
// small helpers

const log = logger('bench-search');

type Mode = 'none' | 'filtered' | 'selective';
const MODES: Mode[] = ['none', 'filtered', 'selective'];
const MODE_LABELS: Record<Mode, string> = {
  none: 'no filters',
  filtered: 'types(2)+areas(3)+days(3)',
  selective: 'type+area+day+accommodation',
};

function filtersFor(mode: Mode, r: Rng): HardFilters {
  if (mode === 'none') return { includeFull: false };
  if (mode === 'filtered') {
    return { types: r.sample(RESOURCE_TYPES, 2), areas: r.sample(AREA_NAMES, 3), days: r.sample(DAYS, 3), includeFull: false };
  }
  return {
    types: [r.weighted(TYPE_WEIGHTS)],
    areas: [r.weighted(AREAS)],
    days: [r.pick(DAYS)],
    accommodations: [r.pick(['quiet', 'seated', 'short_hours', 'small_group', 'little_talking'] as const)],
    includeFull: false,
  };
}

interface Query {
  needs: string;
  vector: Float32Array;
  terms: string[];
  filters: Record<Mode, HardFilters>;
}

// ---------------------------------------------------------------------------
// the service's SQL, captured (so that EXPLAIN, recall and the proposals start from its exact text)

interface CapturedSql {
  sets: string[];
  sql: string;
  params: unknown[];
}

/** The service's statements for one search; its row estimate (exact or HNSW path) is asked of `pg`. */
async function captureFindCandidates(
  pg: Client,
  config: AppConfig,
  model: string,
  vector: Float32Array,
  terms: string[],
  filters: HardFilters,
  k: number,
): Promise<CapturedSql> {
  const captured: CapturedSql = { sets: [], sql: '', params: [] };
  const manager = {
    query: async (query: string | { text: string }, params?: unknown[]) => {
      // an unfiltered candidate statement comes as pg's { name, text } (prepared): the bench times its text
      const sql = typeof query === 'string' ? query : query.text;
      // the row estimates (EXPLAIN, pg_class) are the service's own choice of path: asked of the database
      if (/^\s*(EXPLAIN |SELECT \/\* table rows estimate)/i.test(sql)) return (await pg.query(sql, params)).rows;
      if (/^\s*SET /i.test(sql)) captured.sets.push(sql);
      else Object.assign(captured, { sql, params: params ?? [] });
      return [];
    },
  };
  const fake = {
    query: manager.query,
    transaction: async (fn: (m: typeof manager) => Promise<unknown>) => fn(manager),
  } as unknown as DataSource;
  await new MatchRepository(fake, config).findCandidates(model, vector, terms, filters, k);
  if (!captured.sql) throw new Error('MatchRepository.findCandidates ran no query');
  return captured;
}

/** by_vector's WHERE clause, renumbered for a query whose parameters are $1 = vector, $2 = model, $3… = filters. */
function vectorOnlySql(c: CapturedSql, limit: number): { sql: string; params: unknown[] } {
  const m = /by_vector AS \(\s*(?:--[^\n]*\n\s*)?SELECT r\.id FROM resources r(?:, q)? WHERE ([\s\S]*?)\s+ORDER BY/.exec(c.sql);
  if (!m) throw new Error('could not find by_vector in the service SQL');
  if (/\$[123]\b/.test(m[1])) throw new Error('unexpected use of $1/$2/$3 in the filter clause');
  // service parameters: $1 vector, $2 k, $3 terms, $4 model, $5… filters
  const where = m[1].replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) - 2}`);
  return {
    sql: `SELECT r.id, (r.embedding <=> $1::vector) AS d FROM resources r WHERE ${where}
      ORDER BY r.embedding <=> $1::vector LIMIT ${limit}`,
    params: [c.params[0], ...c.params.slice(3)],
  };
}

async function inTransaction<T>(pg: Client, sets: string[], fn: () => Promise<T>): Promise<T> {
  await pg.query('BEGIN');
  try {
    for (const s of sets) await pg.query(s);
    return await fn();
  } finally {
    await pg.query('ROLLBACK');
  }
}

async function explain(pg: Client, sets: string[], sql: string, params: unknown[], analyze = false): Promise<string> {
  return inTransaction(pg, sets, async () => {
    const { rows } = await pg.query(`EXPLAIN ${analyze ? '(ANALYZE, BUFFERS) ' : ''}${sql}`, params);
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  });
}

const COMMON_TERM_SHARE = 0.1;

interface ProposalContext {
  commonTerms: Set<string>;
}

/** Proposed changes to findCandidates, applied to the captured statement and timed the same way. */
interface Proposal {
  name: string;
  describe: string;
  sql: (sql: string) => string;
  terms?: (terms: string[], ctx: ProposalContext) => string[];
}

const PROPOSALS: Proposal[] = [
  {
    name: 'C',
    describe:
      `needs terms that occur in more than ${COMMON_TERM_SHARE * 100} % of resources (from \`ts_stat\`, refreshed periodically) ` +
      `are left out of the tsquery (they match most of the catalogue, and ts_rank_cd has no idf)`,
    sql: (sql) => sql,
    terms: (terms, ctx) => terms.filter((t) => !ctx.commonTerms.has(t)),
  },
];

// ---------------------------------------------------------------------------
// machine

// ---------------------------------------------------------------------------
// the benchmark

interface Latency {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}
const latency = (xs: number[]): Latency => ({ p50: percentile(xs, 50), p95: percentile(xs, 95), p99: percentile(xs, 99), mean: mean(xs) });

interface Row {
  id: string;
  d: number;
}
const EPS = 1e-6;

/** Share of the exact top n found in `got`; a row within the exact n-th distance counts (ties are not misses). */
function recallAt(exact: Row[], got: Row[], n: number): number {
  const want = exact.slice(0, n);
  if (!want.length) return 1;
  const kth = Number(want[want.length - 1].d);
  return Math.min(got.slice(0, n).filter((row) => Number(row.d) <= kth + EPS).length, want.length) / want.length;
}

/** Share of the exact top 10 (by vector) present among a set of candidate ids. */
function coverage(exact: Row[], ids: Set<string>, n = 10): number {
  const want = exact.slice(0, n);
  if (!want.length) return 1;
  const kth = Number(want[want.length - 1].d);
  const tied = exact.filter((row) => Number(row.d) <= kth + EPS);
  return Math.min(tied.filter((row) => ids.has(row.id)).length, want.length) / want.length;
}

interface ImplResult {
  latency?: Latency;
  /** exact vector top-10 found among the candidates */
  coverage: number;
  /** overlap of the top 10 after rank() with the top 10 of the current SQL as deployed (exact vectors, all lexical matches) */
  agreement: number;
  candidates: number;
  /** share of queries whose vector list the service computes exactly (filters leave ≤ SEARCH_EXACT_MAX_ROWS rows) */
  exactShare: number;
  hnsw: boolean;
  gin: boolean;
}
type PhaseResult = Record<string, Record<Mode, ImplResult>>;

interface EfResult {
  ef: number;
  mode: Mode;
  recall10: number;
  recall100: number;
  p50: number;
  p95: number;
  hnsw: boolean;
}

interface SizeResult {
  size: number;
  open: number;
  distinctPassages: number;
  loadSeconds: number;
  embedSeconds: number;
  indexSeconds: number;
  maintenanceWorkMem: string;
  sharedBuffers: string;
  /** resources table + its indexes (MB) */
  relationMb: number;
  /** 1-minute load average sampled during the query phases (other processes on the machine show up here) */
  loadAverage: { min: number; max: number };
  reused: boolean;
  analyzeSeconds: number;
  commonTermsSeconds: number;
  commonTerms: number;
  vocabulary: number;
  matching: Record<Mode, number>;
  exactMs: Record<Mode, number>;
  deployed: PhaseResult;
  analyzed: PhaseResult;
  ef: EfResult[];
  http?: { none: Latency; filtered: Latency };
}

const perMode = <T>(f: (m: Mode) => T): Record<Mode, T> => ({ none: f('none'), filtered: f('filtered'), selective: f('selective') });
const K = 100; // Math.max(CANDIDATES_PER_INDEX, limit * 4) in MatchService, with the default limit 10
const EF_SWEEP = [100, 200, 400, 800];
const FORCE_INDEX = ['SET LOCAL enable_seqscan = off', 'SET LOCAL enable_bitmapscan = off', 'SET LOCAL enable_sort = off'];

async function embeddingThroughput(model: EmbeddingModelRepository, config: AppConfig) {
  const r = rng(99);
  const texts = Array.from({ length: 320 }, () => resourcePassage(syntheticResource(r, 1)));
  await model.embed(texts.slice(0, 64), 'passage'); // warm-up
  const single = await timed(async () => {
    for (const t of texts) await model.embed([t], 'passage');
  });
  const batched = await timed(() => model.embed(texts, 'passage')); // EMBEDDING_BATCH_SIZE texts per request
  return {
    batch1: texts.length / (single.ms / 1000),
    batchN: texts.length / (batched.ms / 1000),
    batchSize: config.embeddingBatchSize,
    texts: texts.length,
    meanChars: mean(texts.map((t) => t.length)),
  };
}

interface BenchContext {
  config: AppConfig;
  model: EmbeddingModelRepository;
  tokenizer: JapaneseTokenizer;
  queries: Query[];
  modelName: string;
  cleanups: Array<() => Promise<void>>;
}

async function benchSize(size: number, opts: Options, ctx: BenchContext): Promise<SizeResult> {
  const reuse = Boolean(opts.dataDir);
  const dir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sanka-bench-'));
  log(`size ${fmtInt(size)}: embedded PostgreSQL in ${dir}${reuse ? ' (kept from an earlier run)' : ''}`);
  let embedded: EmbeddedPostgres | null = null;
  let pg: Client | null = null;
  let dataSource: DataSource | null = null;
  const localCleanup = async () => {
    await pg?.end().catch(() => undefined);
    pg = null;
    if (dataSource?.isInitialized) await dataSource.destroy().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    embedded = null;
    if (!opts.keep && !reuse) fs.rmSync(dir, { recursive: true, force: true });
    else
      log(
        `kept the database dir ${dir} (serve it with: node dist/src/database/embedded-postgres.server.js ${dir} <port> ` +
          `${ctx.config.embeddedDbSharedBuffers ?? '1GB'})`,
      );
  };
  ctx.cleanups.push(localCleanup);
  const { queries, modelName } = ctx;
  try {
    // 1GB unless set: the numbers above were measured so (the service sizes it from the data, see bench:embedding).
    embedded = await startEmbeddedPostgres(dir, { sharedBuffers: ctx.config.embeddedDbSharedBuffers ?? '1GB' });
    await prepareDatabase(embedded.url);
    pg = new Client({ connectionString: embedded.url });
    await pg.connect();
    const client = pg;
    const metaFile = path.join(dir, 'bench-meta.json');
    type Meta = {
      size: number;
      load: Awaited<ReturnType<typeof loadCatalogue>>;
      indexSeconds: number;
      maintenanceWorkMem: string;
      modelName: string;
    };
    let meta: Meta;
    if (reuse) {
      meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as Meta;
      const n = (await client.query('SELECT count(*)::int AS n FROM resources')).rows[0].n as number;
      if (meta.size !== size || n !== size || meta.modelName !== modelName)
        throw new Error(`${dir} holds ${n} resources embedded with ${meta.modelName}, not ${size} with ${modelName}`);
      // back to "as deployed": no planner statistics (pg_class.reltuples stays, as CREATE INDEX leaves it)
      await client.query(`DELETE FROM pg_statistic WHERE starelid IN ('resources'::regclass, 'organizations'::regclass)`);
      log(
        `  reusing the loaded catalogue (loaded in ${meta.load.loadSeconds.toFixed(0)} s, index built in ${meta.indexSeconds.toFixed(1)} ` +
          `s); statistics deleted`,
      );
    } else {
      await client.query('DROP INDEX resources_embedding_idx');
      log(`size ${fmtInt(size)}: loading the catalogue (JapaneseTokenizer + model + multi-row INSERT)…`);
      const load = await loadCatalogue(client, size, ctx.model, ctx.tokenizer);
      log(
        `  loaded in ${load.loadSeconds.toFixed(1)} s (embedding ${load.embedSeconds.toFixed(1)} s, ` +
          `${Math.round(size / load.embedSeconds)} texts/s; ${fmtInt(load.distinctPassages)} distinct passages)`,
      );
      const maintenanceWorkMem = (await client.query('SHOW maintenance_work_mem')).rows[0].maintenance_work_mem as string;
      log(
        `size ${fmtInt(size)}: CREATE INDEX … USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64), ` +
          `maintenance_work_mem ${maintenanceWorkMem}…`,
      );
      const index = await timed(() =>
        client.query(
          `CREATE INDEX resources_embedding_idx ON resources USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64)`,
        ),
      );
      log(`  index built in ${(index.ms / 1000).toFixed(1)} s`);
      meta = { size, load, indexSeconds: index.ms / 1000, maintenanceWorkMem, modelName };
      if (opts.keep) fs.writeFileSync(metaFile, JSON.stringify(meta, null, 2));
    }
    const { load, maintenanceWorkMem } = meta;
    const sharedBuffers = (await client.query('SHOW shared_buffers')).rows[0].shared_buffers as string;
    const relationMb = Number((await client.query(`SELECT pg_total_relation_size('resources') AS b`)).rows[0].b) / 2 ** 20;
    const loadAverages: number[] = [os.loadavg()[0]];

    dataSource = new DataSource(dataSourceOptions(embedded.url));
    await dataSource.initialize();
    const ds = dataSource;
    const repo = new MatchRepository(ds, ctx.config);
    const captured = perMode((_mode) => [] as CapturedSql[]);
    for (const mode of MODES)
      for (const q of queries)
        captured[mode].push(await captureFindCandidates(client, ctx.config, modelName, q.vector, q.terms, q.filters[mode], K));

    // rows that pass each mode's filters (median over 20 queries)
    const matching = perMode(() => 0);
    for (const mode of MODES) {
      const counts: number[] = [];
      for (const c of captured[mode].slice(0, 20)) {
        const v = vectorOnlySql(c, 1);
        const where = /WHERE ([\s\S]*) ORDER BY/.exec(v.sql)![1].replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) - 1}`);
        counts.push((await client.query(`SELECT count(*)::int AS n FROM resources r WHERE ${where}`, v.params.slice(1))).rows[0].n);
      }
      matching[mode] = percentile(counts, 50);
    }

    // ground truth: exact nearest 100 under the same WHERE (no index scan)
    log(`size ${fmtInt(size)}: exact nearest neighbours for ${queries.length} queries × ${MODES.length} filter modes…`);
    const truth = perMode(() => [] as Row[][]);
    const exactMs = perMode(() => 0);
    for (const mode of MODES) {
      const times: number[] = [];
      for (const c of captured[mode]) {
        const v = vectorOnlySql(c, K);
        const t = await timed(() =>
          inTransaction(
            client,
            [...c.sets, 'SET LOCAL enable_indexscan = off'],
            async () => (await client.query(v.sql, v.params)).rows as Row[],
          ),
        );
        truth[mode].push(t.value);
        times.push(t.ms);
      }
      exactMs[mode] = percentile(times, 50);
    }

    const reference = perMode(() => [] as string[][]); // top 10 after rank() of the current SQL as deployed
    const measurePhase = async (phase: string, timeProposals: boolean, pctx: ProposalContext): Promise<PhaseResult> => {
      const result: PhaseResult = {};
      const impls: Array<Proposal | null> = [null, ...(opts.proposals ? PROPOSALS : [])];
      for (const impl of impls) {
        const name = impl?.name ?? 'current';
        result[name] = perMode(() => ({ coverage: NaN, agreement: NaN, candidates: NaN, exactShare: NaN, hnsw: false, gin: false }));
        const prepare = async (q: Query, mode: Mode): Promise<CapturedSql> => {
          if (!impl) return captureFindCandidates(client, ctx.config, modelName, q.vector, q.terms, q.filters[mode], K);
          const c = await captureFindCandidates(
            client,
            ctx.config,
            modelName,
            q.vector,
            impl.terms ? impl.terms(q.terms, pctx) : q.terms,
            q.filters[mode],
            K,
          );
          return { ...c, sql: impl.sql(c.sql) };
        };
        const run = async (q: Query, mode: Mode): Promise<Candidate[]> => {
          if (!impl) return repo.findCandidates(modelName, q.vector, q.terms, q.filters[mode], K); // exactly the service's call
          const c = await prepare(q, mode);
          return ds.transaction(async (manager) => {
            for (const s of c.sets) await manager.query(s);
            const rows: Array<Record<string, unknown>> = await manager.query(c.sql, c.params);
            return rows.map(toCandidate);
          });
        };
        for (const mode of MODES) {
          const out = result[name][mode];
          const c0 = await prepare(queries[0], mode);
          const plan = await explain(client, c0.sets, c0.sql, c0.params);
          out.hnsw = plan.includes('resources_embedding_idx');
          out.gin = plan.includes('resources_search_tokens_idx');
          if (opts.explain && !impl) {
            log(
              `EXPLAIN ANALYZE, ${phase}, ${name}, ${MODE_LABELS[mode]} (${c0.sets.join(
                '; ' + '',
              )}):\n${await explain(client, c0.sets, c0.sql, c0.params, true)}`,
            );
          }
          if (impl && !timeProposals) continue;
          for (const q of queries.slice(0, 10)) await run(q, mode); // warm-up
          const times: number[] = [];
          const covers: number[] = [];
          const agrees: number[] = [];
          const counts: number[] = [];
          let exact = 0;
          for (const [i, q] of queries.entries()) {
            if (!impl && !(await prepare(q, mode)).sets.length) exact++; // no HNSW settings: the exact path
            const t = await timed(() => run(q, mode));
            times.push(t.ms);
            counts.push(t.value.length);
            covers.push(coverage(truth[mode][i], new Set(t.value.map((c) => c.id))));
            const top = rank(t.value, {}, DEFAULT_WEIGHTS)
              .slice(0, 10)
              .map((r) => r.candidate.id);
            if (phase === 'as deployed' && !impl) reference[mode][i] = top;
            const ref = reference[mode][i];
            agrees.push(ref.length ? top.filter((id) => ref.includes(id)).length / ref.length : 1);
          }
          Object.assign(out, {
            latency: latency(times),
            coverage: mean(covers),
            agreement: mean(agrees),
            candidates: mean(counts),
            exactShare: exact / queries.length,
          });
          loadAverages.push(os.loadavg()[0]);
          log(
            `  ${phase}, ${name}, ${MODE_LABELS[mode]}: p50 ${ms(out.latency!.p50)} ms, p95 ${ms(out.latency!.p95)} ms, p99 ` +
              `${ms(out.latency!.p99)} ms; ` +
              `HNSW ${out.hnsw ? 'yes' : 'no'}, GIN ${out.gin ? 'yes' : 'no'}; exact vector list ${Math.round(out.exactShare * 100)} % ` +
              `of queries; exact top-10 among candidates ${out.coverage.toFixed(3)}, top-10 agreement ${out.agreement.toFixed(3)}`,
          );
        }
      }
      return result;
    };

    log(`size ${fmtInt(size)}: findCandidates as deployed (no planner statistics)…`);
    const noCommon: ProposalContext = { commonTerms: new Set() };
    const deployed = await measurePhase('as deployed', false, noCommon);

    log(`size ${fmtInt(size)}: ANALYZE…`);
    const analyze = await timed(() => client.query('ANALYZE'));
    log(`  ANALYZE in ${(analyze.ms / 1000).toFixed(2)} s`);
    const stat = await timed(() => client.query(`SELECT word, ndoc FROM ts_stat('SELECT search_tokens FROM resources')`));
    const commonTerms = new Set<string>(
      stat.value.rows.filter((row) => row.ndoc > COMMON_TERM_SHARE * size).map((row) => row.word as string),
    );
    log(
      `  ts_stat in ${(stat.ms / 1000).toFixed(2)} s: ${stat.value.rows.length} distinct terms, ${commonTerms.size} in more than ` +
        `${COMMON_TERM_SHARE * 100} % of resources`,
    );
    const analyzed = await measurePhase('after ANALYZE', true, { commonTerms });

    // After ANALYZE: the app's own reconciler analyses at start-up, so this is what it would see anyway.
    let http: SizeResult['http'];
    if (opts.http) http = await benchHttp(embedded.url, queries, modelName);
    loadAverages.push(os.loadavg()[0]);

    // HNSW recall against exact search (index forced), and the ef_search trade-off
    log(`size ${fmtInt(size)}: HNSW recall, ef_search ${EF_SWEEP.join(' / ')}…`);
    const ef: EfResult[] = [];
    for (const efSearch of EF_SWEEP) {
      for (const mode of MODES) {
        // the service's HNSW settings (a narrow filter's captured statement has none: it searches exactly)
        const sets = [...hnswSettings(efSearch), ...FORCE_INDEX];
        const v0 = vectorOnlySql(captured[mode][0], K);
        const hnsw = (await explain(client, sets, v0.sql, v0.params)).includes('resources_embedding_idx');
        const r10: number[] = [];
        const r100: number[] = [];
        const times: number[] = [];
        for (const [i, c] of captured[mode].entries()) {
          const v10 = vectorOnlySql(c, 10);
          const v100 = vectorOnlySql(c, K);
          const got10 = await inTransaction(client, sets, async () => (await client.query(v10.sql, v10.params)).rows as Row[]);
          const got100 = await timed(() =>
            inTransaction(client, sets, async () => (await client.query(v100.sql, v100.params)).rows as Row[]),
          );
          r10.push(recallAt(truth[mode][i], got10, 10));
          r100.push(recallAt(truth[mode][i], got100.value, K));
          times.push(got100.ms);
        }
        loadAverages.push(os.loadavg()[0]);
        const e = {
          ef: efSearch,
          mode,
          recall10: mean(r10),
          recall100: mean(r100),
          p50: percentile(times, 50),
          p95: percentile(times, 95),
          hnsw,
        };
        ef.push(e);
        log(
          `  ef_search ${efSearch}, ${MODE_LABELS[mode]}: recall@10 ${e.recall10.toFixed(3)}, recall@100 ${e.recall100.toFixed(3)}, ` +
            `LIMIT 100 p50 ${ms(e.p50)} ms, p95 ${ms(e.p95)} ms${hnsw ? '' : ' (HNSW not in plan!)'}`,
        );
      }
    }

    return {
      size,
      open: load.open,
      distinctPassages: load.distinctPassages,
      loadSeconds: load.loadSeconds,
      embedSeconds: load.embedSeconds,
      indexSeconds: meta.indexSeconds,
      maintenanceWorkMem,
      sharedBuffers,
      relationMb,
      loadAverage: { min: Math.min(...loadAverages), max: Math.max(...loadAverages) },
      reused: reuse,
      analyzeSeconds: analyze.ms / 1000,
      commonTermsSeconds: stat.ms / 1000,
      commonTerms: commonTerms.size,
      vocabulary: stat.value.rows.length,
      matching,
      exactMs,
      deployed,
      analyzed,
      ef,
      http,
    };
  } finally {
    await localCleanup();
    ctx.cleanups.splice(ctx.cleanups.indexOf(localCleanup), 1);
  }
}

/** The real app on a loopback port: POST /api/v1/matches/search with a coordinator token. */
async function benchHttp(databaseUrl: string, queries: Query[], expectedModel: string): Promise<{ none: Latency; filtered: Latency }> {
  const prefix = `sanka-bench-${process.pid}-${randomBytes(3).toString('hex')}`;
  const adminToken = `bench-admin-${randomBytes(12).toString('hex')}`;
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: databaseUrl,
    QUEUE_PREFIX: prefix,
    ADMIN_TOKEN: adminToken,
    DEMO_DATA: 'false',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    RECONCILE_INTERVAL_SECONDS: '3600',
  });
  log(`HTTP: booting the app (ROLE=${config.role}, QUEUE_PREFIX=${prefix}, LOG_LEVEL=${config.logLevel})…`);
  const redis = new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  let app: NestExpressApplication | null = null;
  try {
    app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl), { bufferLogs: true, bodyParser: false });
    configureApp(app, config);
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    await app.get(EmbeddingModelRepository).ready();
    const post = async (url: string, token: string, body: object) => {
      const res = await fetch(base + url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const json = (await res.json()) as Record<string, unknown>;
      if (!res.ok) throw new Error(`${url} → ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    // the admin (ADMIN_TOKEN) issues a coordinator token, as in a real deployment
    const { token } = (await post('/api/v1/tokens', adminToken, { name: 'bench coordinator', role: 'coordinator' })) as { token: string };
    const body = (q: Query, mode: 'none' | 'filtered') => {
      const f = q.filters[mode];
      return { needs: q.needs, limit: 10, ...(mode === 'filtered' ? { filters: { types: f.types, areas: f.areas, days: f.days } } : {}) };
    };
    const first = (await post('/api/v1/matches/search', token, body(queries[0], 'none'))) as { model: string };
    if (first.model !== expectedModel)
      throw new Error(`the app uses model ${first.model}, the catalogue was embedded with ${expectedModel}`);
    const result = { none: latency([]), filtered: latency([]) };
    for (const mode of ['none', 'filtered'] as const) {
      for (const q of queries.slice(0, 10)) await post('/api/v1/matches/search', token, body(q, mode));
      const times: number[] = [];
      for (const q of queries) times.push((await timed(() => post('/api/v1/matches/search', token, body(q, mode)))).ms);
      result[mode] = latency(times);
      log(`  HTTP, ${MODE_LABELS[mode]}: p50 ${ms(result[mode].p50)} ms, p95 ${ms(result[mode].p95)} ms, p99 ${ms(result[mode].p99)} ms`);
    }
    return result;
  } finally {
    await app?.close().catch((err) => log(`app.close failed: ${String(err)}`));
    let removed = 0;
    try {
      await redis.connect();
      removed = await deleteKeys(redis, `${prefix}:*`);
    } catch (err) {
      log(`could not clean Redis keys under ${prefix}: ${String(err)}`);
    }
    redis.disconnect();
    log(`HTTP: app closed, ${removed} Redis keys under ${prefix}: removed`);
  }
}

// ---------------------------------------------------------------------------
// report

type Throughput = Awaited<ReturnType<typeof embeddingThroughput>>;

function report(results: SizeResult[], tp: Throughput, queries: number, modelName: string, exactMaxRows: number): string {
  const cols = results.map((r) => `${fmtInt(r.size)} resources`);
  const table = (first: string, rows: string[][], extra: string[] = []) =>
    [
      `| ${first} | ${[...cols, ...extra].join(' | ')} |`,
      `|---|${[...cols.map(() => '---:'), ...extra.map(() => '---')].join('|')}|`,
      ...rows.map((r) => `| ${r.join(' | ')} |`),
    ].join('\n');
  const lat = (l?: Latency) => (l ? `${ms(l.p50)} / ${ms(l.p95)} / ${ms(l.p99)}` : '–');
  const yes = (b: boolean) => (b ? 'yes' : '**no**');
  const row = (name: string, f: (r: SizeResult) => string, target?: string) => [
    name,
    ...results.map(f),
    ...(target !== undefined ? [target] : []),
  ];

  const main = table(
    'Metric',
    [
      row(
        `Embedding throughput, batch 1 (texts/s; ${tp.texts} passages of ~${Math.round(tp.meanChars)} chars)`,
        () => Math.round(tp.batch1).toString(),
        '',
      ),
      row(`Embedding throughput, batch ${tp.batchSize} (texts/s)`, () => Math.round(tp.batchN).toString(), ''),
      row('Rows embedded with the real model / distinct passages', (r) => `${fmtInt(r.size)} / ${fmtInt(r.distinctPassages)}`, ''),
      row(
        'Load: generate + tokenize + embed + INSERT (s)',
        (r) => `${r.loadSeconds.toFixed(0)}${r.reused ? ' (earlier run, database reused)' : ''}`,
        '',
      ),
      row(
        '  of which waiting for embeddings (s; texts/s)',
        (r) => `${r.embedSeconds.toFixed(0)}; ${Math.round(r.size / r.embedSeconds)}`,
        '',
      ),
      row(
        'HNSW index build, m = 16, ef_construction = 64 (s)',
        (r) => `${r.indexSeconds.toFixed(1)} (maintenance_work_mem ${r.maintenanceWorkMem})`,
        '',
      ),
      row('resources table with its indexes (MB) / shared_buffers', (r) => `${Math.round(r.relationMb)} / ${r.sharedBuffers}`, ''),
      ...MODES.map((m) => row(`Rows passing the filters, ${MODE_LABELS[m]} (median)`, (r) => fmtInt(r.matching[m]), '')),
      ...MODES.map((m) =>
        row(
          `findCandidates p50 / p95 / p99 (ms), with statistics, ${MODE_LABELS[m]}`,
          (r) => lat(r.analyzed.current?.[m].latency),
          'p95 < 100 ms at 100k',
        ),
      ),
      ...MODES.map((m) =>
        row(
          `  plan uses the HNSW index / the GIN index, ${MODE_LABELS[m]}`,
          (r) => `${yes(r.analyzed.current[m].hnsw)} / ${yes(r.analyzed.current[m].gin)}`,
          '',
        ),
      ),
      ...MODES.map((m) =>
        row(
          `  queries searched exactly (≤ ${fmtInt(exactMaxRows)} filtered rows) / exact 10 nearest among the candidates, ${MODE_LABELS[m]}`,
          (r) => `${Math.round(r.analyzed.current[m].exactShare * 100)} % / ${r.analyzed.current[m].coverage.toFixed(3)}`,
          '≥ 0.95',
        ),
      ),
      ...MODES.map((m) =>
        row(`findCandidates p50 / p95 / p99 (ms), no statistics yet, ${MODE_LABELS[m]}`, (r) => lat(r.deployed.current?.[m].latency), ''),
      ),
      ...(results.some((r) => r.http)
        ? (['none', 'filtered'] as const).map((m) =>
            row(`HTTP POST /api/v1/matches/search p50 / p95 / p99 (ms), ${MODE_LABELS[m]}`, (r) => lat(r.http?.[m]), 'p95 < 200 ms'),
          )
        : []),
      ...MODES.map((m) =>
        row(
          `HNSW recall@10 vs exact (ef_search ${EF_SEARCH} as the service, index forced), ${MODE_LABELS[m]}`,
          (r) => {
            const e = r.ef.find((x) => x.ef === EF_SEARCH && x.mode === m);
            return e ? e.recall10.toFixed(3) : '–';
          },
          m === 'none' ? '≥ 0.95' : 'the service searches exactly below the threshold (rows above)',
        ),
      ),
      ...MODES.map((m) =>
        row(
          `HNSW recall@100 vs exact (ef_search ${EF_SEARCH} as the service, index forced), ${MODE_LABELS[m]}`,
          (r) => {
            const e = r.ef.find((x) => x.ef === EF_SEARCH && x.mode === m);
            return e ? e.recall100.toFixed(3) : '–';
          },
          '',
        ),
      ),
      ...MODES.map((m) => row(`Exact vector search LIMIT 100, p50 (ms), ${MODE_LABELS[m]}`, (r) => ms(r.exactMs[m]), '')),
      row('ANALYZE (s) / ts_stat over search_tokens (s)', (r) => `${r.analyzeSeconds.toFixed(2)} / ${r.commonTermsSeconds.toFixed(2)}`, ''),
      row(
        '1-min load average during the query phases (min–max)',
        (r) => `${r.loadAverage.min.toFixed(1)}–${r.loadAverage.max.toFixed(1)}`,
        `≈ 1–1.5 with the bench alone (${os.cpus().length} CPUs)`,
      ),
    ],
    ['Target'],
  );

  const phases: Array<[string, (r: SizeResult) => PhaseResult]> = [
    ['as deployed', (r) => r.deployed],
    ['after ANALYZE', (r) => r.analyzed],
  ];
  const implNames = [...new Set(results.flatMap((r) => [...Object.keys(r.deployed), ...Object.keys(r.analyzed)]))];
  const proposalRows: string[][] = [];
  for (const [phase, get] of phases) {
    for (const name of implNames) {
      for (const m of MODES) {
        const cells = results.map((r) => {
          const x = get(r)[name]?.[m];
          if (!x) return '–';
          const plan = `HNSW ${x.hnsw ? 'yes' : 'no'}, GIN ${x.gin ? 'yes' : 'no'}`;
          return x.latency ? `${lat(x.latency)}; ${plan}; top-10 ${x.agreement.toFixed(2)}; exact top-10 ${x.coverage.toFixed(2)}` : plan;
        });
        if (cells.every((c) => c === '–')) continue;
        proposalRows.push([`${name === 'current' ? 'current SQL' : `proposal ${name}`}, ${phase}, ${MODE_LABELS[m]}`, ...cells]);
      }
    }
  }
  const proposals = table('findCandidates variant, statistics, filters → p50 / p95 / p99 ms; plan; quality', proposalRows);

  const efRows: string[][] = [];
  for (const e of EF_SWEEP) {
    for (const m of MODES) {
      efRows.push([
        `ef_search ${e}, ${MODE_LABELS[m]}`,
        ...results.map((r) => {
          const x = r.ef.find((y) => y.ef === e && y.mode === m);
          return x
            ? `${x.recall10.toFixed(3)} / ${x.recall100.toFixed(3)}; ${ms(x.p50)} / ${ms(x.p95)} ms${x.hnsw ? '' : ' (no HNSW)'}`
            : '–';
        }),
      ]);
    }
  }
  const ef = table('HNSW, index forced → recall@10 / recall@100; LIMIT 100 p50 / p95', efRows);

  const notes = [
    `Model: ${modelName}. Queries: ${queries} needs texts (the 35 of test/fixtures/matching-devset.json, then generated ones), embedded ` +
      `beforehand except over HTTP.`,
    'Filters: "types(2)+areas(3)+days(3)" = two resource types, three of the ten areas, three days; "type+area+day+accommodation" = one ' +
      "of each (selective). Every mode also has the service's own conditions (open, embedded, vacancies > 0).",
    `findCandidates: MatchRepository.findCandidates as MatchService calls it: k = ${K}, terms = distinct ` +
      `JapaneseTokenizer.contentWords(needs); the vector list is exact when the planner expects ≤ ${fmtInt(exactMaxRows)} rows to pass ` +
      `the filters (SEARCH_EXACT_MAX_ROWS; the whole table's planner size first, then EXPLAIN of the filters), ` +
      `otherwise HNSW with SET LOCAL hnsw.ef_search = ${EF_SEARCH}, hnsw.iterative_scan = ` +
      `relaxed_order, hnsw.max_scan_tuples = ${MAX_SCAN_TUPLES}.`,
    '"As deployed" = no planner statistics: a fresh embedded database until the reconciler\'s first `ANALYZE` (PGlite has no autovacuum, ' +
      'so the reconciler runs one at its first run and every six hours). "After ANALYZE" / "with statistics" is the steady state of a ' +
      'running service.',
    'HTTP: the real app (AppModule.forRoot + configureApp) on a loopback port, coordinator token issued by the admin token, limit 10; ' +
      'includes auth, validation, embedding the needs text, findCandidates, ranking and the search_logs INSERT. Measured after ANALYZE, ' +
      'as a running service has it.',
    'Recall: `ORDER BY embedding <=> $1 LIMIT k` with the same WHERE and SET LOCALs as the service, the HNSW index forced ' +
      '(enable_seqscan/bitmapscan/sort off), against the same query with enable_indexscan off; a row within the exact k-th distance ' +
      'counts as found (ties are not misses).',
    '"top-10" = overlap of the first 10 after rank() (default weights, no constraints) with those of the current SQL as deployed (exact ' +
      'vectors, every lexical match ranked); "exact top-10" = share of the exact 10 nearest resources that are among the candidates.',
    ...PROPOSALS.map((p) => `Proposal ${p.name}: ${p.describe}.`),
  ];
  return [main, '', proposals, '', ef, '', ...notes.map((n) => `- ${n}`)].join('\n');
}

function writeDocs(markdown: string, command: string, m: Machine, pgvector: string) {
  writeDocsSection(
    '## Search (npm run bench:search)',
    [
      `Date: ${new Date().toISOString().slice(0, 10)}  `,
      `Machine: ${m.nproc} CPUs (nproc), ${m.cpu}, ${m.memGiB} GiB RAM; Node ${m.node}; PGlite ${m.pglite} with ` +
        `@electric-sql/pglite-pgvector ${m.pglitePgvector} (pgvector ${pgvector}); @xenova/transformers ${m.transformers}  `,
      `Command: \`${command}\``,
      '',
      markdown,
    ],
    log,
  );
}

// ---------------------------------------------------------------------------

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  const m = machine();
  log(`machine: ${m.nproc} CPUs (${m.cpu}), ${m.memGiB} GiB, Node ${m.node}, PGlite ${m.pglite}`);
  const config = loadConfig({ ...process.env, DEMO_DATA: 'false' });
  const cleanups: Array<() => Promise<void>> = [];
  const model = new EmbeddingModelRepository(config);
  const tokenizer = new JapaneseTokenizer();
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    log('interrupted: cleaning up…');
    void (async () => {
      for (const c of [...cleanups].reverse()) await c().catch(() => undefined);
      await model.onModuleDestroy();
      process.exit(130);
    })();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    model.onModuleInit();
    await tokenizer.ready();
    const modelName = await model.ready();
    log(
      `model: ${modelName} (configured ${config.embeddingModel}, state ${model.status().state}), EMBEDDING_BATCH_SIZE ` +
        `${config.embeddingBatchSize}`,
    );

    const tp = await embeddingThroughput(model, config);
    log(
      `embedding throughput (${tp.texts} passages, ~${Math.round(tp.meanChars)} chars): batch 1 ${Math.round(tp.batch1)} texts/s, batch ` +
        `${tp.batchSize} ${Math.round(tp.batchN)} texts/s`,
    );

    const texts = needsTexts(opts.queries);
    const { vectors } = await model.embed(texts, 'query');
    const fr = rng(4242);
    const queries: Query[] = texts.map((needs, i) => ({
      needs,
      vector: vectors[i],
      terms: [...new Set(tokenizer.contentWords(needs))],
      filters: perMode((mode) => filtersFor(mode, fr)),
    }));

    let pgvector = '?';
    const results: SizeResult[] = [];
    // options that do not change the numbers
    const shown = process.argv.slice(2).filter((a) => !['--keep', '--explain', '--no-docs'].includes(a));
    const command = `npm run bench:search${shown.length ? ` -- ${shown.join(' ')}` : ''}`;
    for (const size of opts.sizes) {
      const result = await benchSize(size, opts, { config, model, tokenizer, queries, modelName, cleanups });
      results.push(result);
      if (pgvector === '?') {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanka-bench-v-'));
        const e = await startEmbeddedPostgres(dir);
        try {
          pgvector = (await prepareDatabase(e.url)).pgvector;
        } finally {
          await e.stop();
          fs.rmSync(dir, { recursive: true, force: true });
        }
      }
      const markdown = report(results, tp, opts.queries, modelName, config.searchExactMaxRows);
      process.stdout.write(`\n${markdown}\n\n`);
      if (opts.docs) writeDocs(markdown, command, m, pgvector); // after every size, so that a long run keeps what it measured
    }
    log(`done (pgvector ${pgvector})`);
  } finally {
    for (const c of [...cleanups].reverse()) await c().catch(() => undefined);
    await model.onModuleDestroy();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`bench-search failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
