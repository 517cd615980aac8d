/**
 * `npm run bench:lexical -- --data-dir DIR` (issue #17 item 3): the candidate statement with the lexical list as
 * Okapi BM25 (resource_terms, what the service sends now) against the same statement with the lexical list as before
 * (GIN tsquery over search_tokens, ≤ 1,000 matches ranked by ts_rank_cd), on one catalogue that has both (a catalogue
 * built by bench:load with this code: search_tokens are still written). Alternated statement by statement, so both
 * see the same load; reports the database process's CPU per statement (from /proc) and wall time, with and without
 * the lexical list, and EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) of one need (per-node timing costs more than the
 * statement in wasm). Read-only.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { projectRoot } from '../src/common/project-root';
import { JapaneseTokenizer } from '../src/common/japanese/tokenizer';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { queryTerms } from '../src/matching/bm25';
import { candidateSql, hardFilterSql, narrowsCatalogue, type HardFilters } from '../src/matching/match.repository';
import { AREA_NAMES } from './synthetic-catalogue';
import { RESOURCE_FROM, RESOURCE_SELECT } from '../src/resources/resource.columns';
import { logger, mean, median } from './bench-support';

const log = logger('bench-lexical');

/** The candidate statement as it was before BM25 (main at 4d8b772), verbatim. */
function tsRankCdSql(where: string): string {
  return `
    WITH q AS (
      SELECT $1::vector AS v,
             CASE WHEN $3::text[] IS NULL THEN NULL
                  ELSE to_tsquery('simple', (SELECT string_agg(quote_literal(t), ' | ') FROM unnest($3::text[]) t)) END AS ts
    ), by_vector AS (
      SELECT r.id FROM resources r WHERE ${where}
      ORDER BY 1 - (r.embedding <=> $1::vector) DESC LIMIT $2
    ), by_words AS (
      SELECT m.id FROM (
        SELECT r.id, r.search_tokens FROM resources r
         WHERE ${where} AND r.search_tokens @@ (SELECT ts FROM q) LIMIT 1000
      ) m
      ORDER BY ts_rank_cd(m.search_tokens, (SELECT ts FROM q)) DESC LIMIT $2
    )
    SELECT ${RESOURCE_SELECT},
           1 - (r.embedding <=> q.v) AS "vectorSimilarity",
           CASE WHEN q.ts IS NULL THEN 0 ELSE ts_rank_cd(r.search_tokens, q.ts) END AS "lexicalRank",
           CASE WHEN $3::text[] IS NULL THEN '{}'::text[]
                ELSE ARRAY(SELECT t FROM unnest(tsvector_to_array(r.search_tokens)) t WHERE t = ANY($3::text[])) END AS "matchedTerms"
      FROM ${RESOURCE_FROM}, q
     WHERE r.id IN (SELECT id FROM by_vector UNION SELECT id FROM by_words)`;
}

/** The statement without its lexical list (its cost = the difference). */
const withoutWords = (sql: string) => sql.replace(/UNION SELECT id FROM by_words/, '');

function dbCpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function main() {
  const argv = process.argv.slice(2);
  const dir = argv[argv.indexOf('--data-dir') + 1];
  const rounds = Number(argv.includes('--rounds') ? argv[argv.indexOf('--rounds') + 1] : 3);
  if (!argv.includes('--data-dir') || !fs.existsSync(dir)) throw new Error('--data-dir DIR (a catalogue built by bench:load) is required');
  const db = await startEmbeddedPostgres(dir);
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  try {
    const server = fs
      .readdirSync(`/proc/${process.pid}/task`)
      .flatMap((t) => fs.readFileSync(`/proc/${process.pid}/task/${t}/children`, 'utf8').trim().split(/\s+/))
      .find((c) => c && fs.readFileSync(`/proc/${c}/cmdline`, 'utf8').includes('embedded-postgres.server.js'));
    const tokenizer = new JapaneseTokenizer();
    await tokenizer.ready();
    const devset = JSON.parse(fs.readFileSync(path.join(projectRoot(), 'test/fixtures/matching-devset.json'), 'utf8'));
    const needs: string[] = devset.needs.slice(0, 40).map((n: { needs: string }) => n.needs);
    const { rows: modelRow } = await pg.query(`SELECT embedding_model AS m FROM resources WHERE embedding_status = 'ready' LIMIT 1`);
    const model = modelRow[0].m as string;
    // Query vectors: stored resource vectors (unit length, as a needs vector); the cost does not depend on their values.
    const { rows: vectors } = await pg.query(`SELECT embedding::text AS v FROM resources ORDER BY id LIMIT $1`, [needs.length]);
    const { rows: size } = await pg.query(
      `SELECT (SELECT count(*)::int FROM resources) AS resources, (SELECT count(*)::int FROM resource_terms) AS postings,
              (SELECT documents FROM lexical_corpus) AS documents`,
    );
    // --filter none (60 % of bench:load's searches), broad (types 2, areas 3, days 3: 30 %), narrow (1 type, 1 area, 1 day,
    // 1 accommodation: 10 %)
    const filter = argv.includes('--filter') ? argv[argv.indexOf('--filter') + 1] : 'none';
    const filters: HardFilters =
      filter === 'broad'
        ? { includeFull: false, types: ['ibasho', 'volunteer'], areas: AREA_NAMES.slice(0, 3), days: ['mon', 'wed', 'fri'] }
        : filter === 'narrow'
          ? { includeFull: false, types: ['volunteer'], areas: AREA_NAMES.slice(0, 1), days: ['tue'], accommodations: ['quiet'] }
          : { includeFull: false };
    const params: unknown[] = [null, 100, null];
    const where = hardFilterSql(model, filters, params);
    const countParams: unknown[] = [];
    const countWhere = hardFilterSql(model, filters, countParams);
    const { rows: passing } = await pg.query(`SELECT count(*)::int AS n FROM resources r WHERE ${countWhere}`, countParams);
    log(
      `catalogue: ${JSON.stringify(size[0])}; filter ${filter} (${passing[0].n} resources pass); ` +
        `${needs.length} needs × ${rounds} rounds; load ${os
          .loadavg()
          .map((x) => x.toFixed(2))
          .join(' ')}`,
    );
    const variants: Record<string, { sql: string; terms: (needs: string) => string[] }> = {
      'ts_rank_cd (before)': { sql: tsRankCdSql(where), terms: (n) => [...new Set(tokenizer.contentWords(n))] },
      'BM25 (now)': { sql: candidateSql(where, true, narrowsCatalogue(filters)), terms: (n) => queryTerms(tokenizer.lexicalTerms(n)) },
      'ts_rank_cd, no lexical list': { sql: withoutWords(tsRankCdSql(where)), terms: (n) => [...new Set(tokenizer.contentWords(n))] },
      'BM25, no lexical list': {
        sql: withoutWords(candidateSql(where, true, narrowsCatalogue(filters))),
        terms: (n) => queryTerms(tokenizer.lexicalTerms(n)),
      },
    };
    const stats = new Map(Object.keys(variants).map((k) => [k, { cpu: [] as number[], wall: [] as number[], rows: [] as number[] }]));
    const run = async (name: string, i: number) => {
      const v = variants[name];
      const p = [vectors[i].v, 100, v.terms(needs[i]), ...params.slice(3)];
      const cpu0 = server ? dbCpuMs(Number(server)) : 0;
      const t0 = performance.now();
      const { rows } = await pg.query(v.sql, p);
      const wall = performance.now() - t0;
      const s = stats.get(name)!;
      s.wall.push(wall);
      s.cpu.push(server ? dbCpuMs(Number(server)) - cpu0 : NaN);
      s.rows.push(rows.length);
    };
    for (const name of Object.keys(variants)) for (let i = 0; i < 5; i++) await run(name, i); // warm the buffers
    for (const s of stats.values()) s.cpu.length = s.wall.length = s.rows.length = 0;
    for (let r = 0; r < rounds; r++) for (let i = 0; i < needs.length; i++) for (const name of Object.keys(variants)) await run(name, i);
    console.log(
      `\n| statement (${needs.length} needs × ${rounds}, alternated) | DB CPU / statement (ms) | wall median / mean (ms) | rows |`,
    );
    console.log('|---|---:|---:|---:|');
    for (const [name, s] of stats)
      console.log(
        `| ${name} | ${mean(s.cpu).toFixed(1)} | ${median(s.wall).toFixed(1)} / ${mean(s.wall).toFixed(1)} | ${mean(s.rows).toFixed(0)} |`,
      );
    console.log(
      `load average after: ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
    const sample = Number(argv.includes('--explain') ? argv[argv.indexOf('--explain') + 1] : 0);
    for (const name of ['ts_rank_cd (before)', 'BM25 (now)']) {
      const v = variants[name];
      const { rows } = await pg.query(`EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) ${v.sql}`, [
        vectors[sample].v,
        100,
        v.terms(needs[sample]),
        ...params.slice(3),
      ]);
      const plan = rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
      const file = path.join(os.tmpdir(), `bm25-explain-${name.startsWith('BM25') ? 'bm25' : 'tsrankcd'}.txt`);
      fs.writeFileSync(file, plan);
      console.log(
        `\nEXPLAIN (ANALYZE, BUFFERS, TIMING OFF), ${name}, need ${sample + 1} ` +
          `(${v.terms(needs[sample]).length} terms; full plan in ${file}):`,
      );
      for (const line of plan
        .split('\n')
        .filter((l: string) => /by_words|lex|Execution Time|Planning Time|Buffers: shared|CTE /.test(l))
        .slice(0, 24))
        console.log(line);
    }
  } finally {
    await pg.end();
    await db.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
