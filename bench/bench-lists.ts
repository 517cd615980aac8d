/**
 * List benchmark: pages of the large lists (resources, participants, placements, audit log) by offset and by cursor.
 *   npm run bench:lists                          10,000 rows per list, writes docs/benchmarks.md
 *   npm run bench:lists -- --rows 2000 --no-docs smoke run
 *   options: --rows N (10000), --limit N (100), --no-docs, --no-wait
 *
 * In a fresh embedded PostgreSQL (child process, temp dir, the service's migrations):
 *   1. bulk-inserts N resources, N participants, N placements and N audit-log rows (SQL, created over a year, with
 *      timestamps shared by several rows so that the id tie-breaker matters); ANALYZE (the service's steady state);
 *   2. calls the repositories' list() as the routes do (ResourceRepository, ParticipantRepository,
 *      PlacementRepository, AuditRepository on a TypeORM DataSource with the service's options; no Nest context):
 *      every page of the list by `page` (offset) and every page by `cursor` (walking nextCursor), 2 rounds each;
 *   3. EXPLAIN (ANALYZE, BUFFERS) of the last page's statement by offset and by cursor, and of the total;
 *   4. prints a markdown table and writes "## Lists (npm run bench:lists)" in docs/benchmarks.md;
 *   5. cleans up (database process, temp dir).
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { AuditRepository } from '../src/audit/audit.repository';
import { loadConfig } from '../src/config/app-config';
import { dataSourceOptions, prepareDatabase } from '../src/database/data-source';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { ParticipantRepository } from '../src/participants/participant.repository';
import { PlacementRepository } from '../src/placements/placement.repository';
import type { ListResourcesQuery } from '../src/resources/dto/resource.dto';
import { ResourceRepository } from '../src/resources/resource.repository';
import {
  fmtInt,
  loadAvg,
  logger,
  machine,
  ms,
  percentile,
  runBench,
  timed,
  waitForOtherBenchmarks,
  writeDocsSection,
} from './bench-support';

const SECTION = '## Lists (npm run bench:lists)';
const TARGET_P95_MS = 20;
const log = logger('bench-lists');

interface Options {
  rows: number;
  limit: number;
  docs: boolean;
  wait: boolean;
}

function parseOptions(argv: string[]): Options {
  const opts: Options = { rows: 10_000, limit: 100, docs: true, wait: true };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--rows') opts.rows = Number(argv[++i]);
    else if (argv[i] === '--limit') opts.limit = Number(argv[++i]);
    else if (argv[i] === '--no-docs') opts.docs = false;
    else if (argv[i] === '--no-wait') opts.wait = false;
    else throw new Error(`unknown option ${argv[i]}`);
  }
  return opts;
}

/** N rows per list, created over a year; every 5 rows share a timestamp (one statement writes several rows). */
async function generate(ds: DataSource, n: number): Promise<void> {
  const at = (g: string) => `now() - interval '365 days' + ((${g}) / 5) * interval '1 hour'`;
  const [{ id: org }] = await ds.query(`INSERT INTO organizations (name, kind, area) VALUES ('一覧ベンチ', 'npo', '東部') RETURNING id`);
  await ds.query(
    `INSERT INTO resources (organization_id, type, title, area, capacity, vacancies, status, created_at)
      SELECT $1, (ARRAY['ibasho','volunteer','work_experience'])[1 + g % 3], '一覧ベンチ ' || g, (ARRAY['東部','西部','南部'])[1 + g % 3],
             5, 5, 'open', ${at('g')} FROM generate_series(1, $2) g`,
    [org, n],
  );
  await ds.query(
    `INSERT INTO participants (display_name, area, needs, referral_route, readiness_stage, created_at)
      SELECT '一覧ベンチ' || g, (ARRAY['東部','西部','南部'])[1 + g % 3], '（省略）', 'family', 'social_life', ${at('g')}
        FROM generate_series(1, $1) g`,
    [n],
  );
  await ds.query(
    `INSERT INTO placements (participant_id, resource_id, state, proposed_at)
      SELECT p.id, r.id, 'proposed', p.created_at FROM
        (SELECT id, created_at, row_number() OVER (ORDER BY id) AS k FROM participants) p
        JOIN (SELECT id, row_number() OVER (ORDER BY id) AS k FROM resources) r ON r.k = p.k`,
  );
  await ds.query(
    `INSERT INTO audit_log (at, role, action, participant_id, route)
      SELECT ${at('g')}, 'admin', 'read', gen_random_uuid(), 'GET /api/v1/participants' FROM generate_series(1, $1) g`,
    [n],
  );
  await ds.query('ANALYZE');
}

type Lister = (q: {
  page: number;
  limit: number;
  cursor?: string;
}) => Promise<{ items: unknown[]; nextCursor: string | null; total: number }>;

interface ListResult {
  name: string;
  pages: number;
  total: string;
  offset: number[];
  cursor: number[];
}

async function measure(name: string, list: Lister, rows: number, limit: number): Promise<ListResult> {
  const pages = Math.ceil(rows / limit);
  const offset: number[] = [];
  const cursor: number[] = [];
  let total = '';
  for (let round = 0; round < 2; round++) {
    for (let page = 1; page <= pages; page++) {
      const r = await timed(() => list({ page, limit }));
      offset.push(r.ms);
      total = `${fmtInt(r.value.total)}${(r.value as { totalEstimated?: boolean }).totalEstimated ? ' (estimate)' : ''}`;
    }
    let next: string | undefined;
    let seen = 0;
    do {
      const r = await timed(() => list({ page: 1, limit, cursor: next }));
      cursor.push(r.ms);
      seen += r.value.items.length;
      next = r.value.nextCursor ?? undefined;
    } while (next);
    if (seen !== rows) throw new Error(`${name}: the cursor walk gave ${seen} rows, expected ${rows}`);
  }
  log(`${name}: offset p95 ${ms(percentile(offset, 95))} ms, cursor p95 ${ms(percentile(cursor, 95))} ms, total ${total}`);
  return { name, pages, total, offset, cursor };
}

/** EXPLAIN (ANALYZE, BUFFERS) of the statements one list call sends (the DataSource records them). */
async function explainCall(ds: DataSource, call: () => Promise<unknown>): Promise<string[]> {
  const sent: Array<{ sql: string; params: unknown[] }> = [];
  const original = ds.query.bind(ds);
  ds.query = (async (sql: string, params?: unknown[]) => {
    sent.push({ sql, params: params ?? [] });
    return original(sql, params);
  }) as DataSource['query'];
  try {
    await call();
  } finally {
    ds.query = original as DataSource['query'];
  }
  const plans: string[] = [];
  for (const s of sent.filter((x) => !x.sql.startsWith('EXPLAIN'))) {
    const rows: Array<{ 'QUERY PLAN': string }> = await ds.query(`EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`, s.params);
    plans.push(rows.map((r) => r['QUERY PLAN']).join('\n'));
  }
  return plans;
}

async function main(onCleanUp: (step: () => Promise<void>) => void): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  const m = machine();
  const waitNote = opts.wait ? await waitForOtherBenchmarks('bench-lists', log) : 'did not check for other benchmarks (--no-wait)';
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sanka-bench-lists-'));
  onCleanUp(async () => fs.rmSync(tmp, { recursive: true, force: true }));
  const db = await startEmbeddedPostgres(tmp, { sharedBuffers: loadConfig(process.env).embeddedDbSharedBuffers });
  onCleanUp(() => db.stop());
  await prepareDatabase(db.url);
  const ds = new DataSource(dataSourceOptions(db.url));
  await ds.initialize();
  onCleanUp(() => ds.destroy());
  const loadBefore = loadAvg();
  const gen = await timed(() => generate(ds, opts.rows));
  log(`generated ${fmtInt(opts.rows)} rows per list in ${ms(gen.ms)} ms; load average ${loadBefore}`);

  const resources = new ResourceRepository(ds);
  const participants = new ParticipantRepository(ds);
  const placements = new PlacementRepository(ds);
  const audit = new AuditRepository(ds);
  const lists: Array<[string, Lister]> = [
    ['resources (GET /api/v1/resources)', (q) => resources.list(q as ListResourcesQuery)],
    ['participants (GET /api/v1/participants)', (q) => participants.list(q)],
    ['placements (GET /api/v1/placements)', (q) => placements.list(q)],
    ['audit log (GET /api/v1/audit)', (q) => audit.list(q)],
  ];
  // Measured with and without indexes in the lists' exact order ((created_at DESC, id) etc.): the planner kept the
  // single-column indexes and the page statements took the same time, so no such index was added (docs/lists.md).
  const phases: Array<{ name: string; results: ListResult[]; plans: string[] }> = [];
  for (const name of ['with the service’s indexes']) {
    log(`phase: ${name}`);
    const results: ListResult[] = [];
    for (const [listName, list] of lists) results.push(await measure(listName, list, opts.rows, opts.limit));
    const plans: string[] = [];
    for (const [listName, list] of lists) {
      let next: string | undefined;
      let last: string | undefined;
      do {
        last = next;
        next = (await list({ page: 1, limit: opts.limit, cursor: next })).nextCursor ?? undefined;
      } while (next);
      const [page] = await explainCall(ds, () => list({ page: 1, limit: opts.limit, cursor: last }));
      plans.push(`${listName}, last page by cursor:`, '', '```', page, '```', '');
    }
    phases.push({ name, results, plans });
  }
  const lastPage = Math.ceil(opts.rows / opts.limit);
  const offsetPlans = await explainCall(ds, () => resources.list({ page: lastPage, limit: opts.limit } as ListResourcesQuery));

  const row = (r: ListResult, mode: 'offset' | 'cursor') => {
    const xs = r[mode];
    const p95 = percentile(xs, 95);
    const paging = mode === 'offset' ? `page=1…${r.pages}` : `cursor (walk of ${r.pages} pages)`;
    const mark = p95 <= TARGET_P95_MS ? '✓' : '✗';
    return `| ${r.name} | ${paging} | ${ms(percentile(xs, 50))} | ${ms(p95)} ${mark} | ${ms(Math.max(...xs))} | ${r.total} |`;
  };
  const lines = [
    `Date: ${new Date().toISOString().slice(0, 10)}  `,
    `Machine: ${m.nproc} CPUs (nproc), ${m.cpu}, ${m.memGiB} GiB RAM; Node ${m.node}; PGlite ${m.pglite} (embedded, child process)  `,
    `Load average (1/5/15 min) before: ${loadBefore}; after: ${loadAvg()}; ${waitNote}. **The machine is shared with other ` +
      `helpers' builds, tests and benchmarks during this session: times are inflated by that load.**  `,
    `Command: \`npm run bench:lists${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\``,
    '',
    `${fmtInt(opts.rows)} rows per list, ${opts.limit} per page; every page by offset and every page by cursor, 2 rounds each ` +
      `(${fmtInt(2 * lastPage)} calls per mode and list). Times are the repository's list() (page statement + total) on the ` +
      'embedded database.',
    '',
    ...phases.flatMap((ph) => [
      `**${ph.name}**`,
      '',
      `| list | paging | p50 ms | p95 ms (target ≤ ${TARGET_P95_MS}) | max ms | total returned |`,
      '|---|---|---:|---:|---:|---|',
      ...ph.results.flatMap((r) => [row(r, 'offset'), row(r, 'cursor')]),
      '',
    ]),
    `EXPLAIN (ANALYZE, BUFFERS) of the resources' last page (${lastPage}) by offset (the statements: page, bounded count, ` +
      'planner estimate):',
    '',
    '```',
    ...offsetPlans,
    '```',
    '',
    ...phases.flatMap((ph) => [`EXPLAIN (ANALYZE, BUFFERS), ${ph.name} (page statement only):`, '', ...ph.plans]),
  ];
  console.log(lines.join('\n'));
  if (opts.docs) writeDocsSection(SECTION, lines, log);
}

runBench(main);
