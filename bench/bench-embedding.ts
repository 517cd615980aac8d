/**
 * `npm run bench:embedding [-- --resources 10000 --concurrency 4 --searches 50]`
 *
 * How long new resources take to become searchable, end to end, on the service as it is started
 * (`node dist/src/main.js`: embedded PostgreSQL, BullMQ on the configured Redis, the local model):
 *   1. starts the service in a temp DATA_DIR on a free loopback port (own QUEUE_PREFIX, DEMO_DATA=false);
 *   2. POSTs N synthetic resources (bench/synthetic-catalogue.ts) through /api/v1/resources, C at a time;
 *   3. polls the database until every resource is embedded: seconds from the last POST until all are
 *      searchable, texts/s of the embedding (rows / span of embedded_at), peak RSS of the service tree
 *      (the service, its database and model processes);
 *   4. times POST /api/v1/matches/search, then restarts the service on the same data (shared_buffers
 *      sized from it unless EMBEDDED_DB_SHARED_BUFFERS is set) and times the searches and RSS again.
 * Prints a markdown block for docs/benchmarks.md. Everything it starts is stopped and removed at the end.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { embeddedPortFile } from '../src/database/embedded-postgres';
import { loadAvg, logger, machine, ms, percentile, runBench } from './bench-support';
import { freePort, removeQueueKeys, rssParts, serviceEnv, startService, treeRssKb } from './service-process';
import { needsTexts, ORG_KINDS, rng, syntheticResource, type SyntheticResource } from './synthetic-catalogue';

const log = logger('bench-embedding');
const USAGE = 'options: --resources N (1–50000) --concurrency C (1–32) --searches S (0–500) --no-restart';

interface Options {
  resources: number;
  concurrency: number;
  searches: number;
  restart: boolean;
}

function parseOptions(argv: string[]): Options {
  const opts: Options = { resources: 10_000, concurrency: 4, searches: 50, restart: true };
  const int = (v: string | undefined, lo: number, hi: number): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < lo || n > hi) throw new Error(USAGE);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--resources') opts.resources = int(argv[++i], 1, 50_000);
    else if (a === '--concurrency') opts.concurrency = int(argv[++i], 1, 32);
    else if (a === '--searches') opts.searches = int(argv[++i], 0, 500);
    else if (a === '--no-restart') opts.restart = false;
    else throw new Error(USAGE);
  }
  return opts;
}

function resourceBody(s: SyntheticResource, organizationId: string): Record<string, unknown> {
  return {
    organizationId,
    type: s.type,
    title: s.title,
    description: s.description,
    tasks: s.tasks,
    accommodations: s.accommodations,
    reward: s.reward,
    area: s.area,
    address: s.address,
    nearestStation: s.nearestStation,
    ...(s.accessMinutes === null ? {} : { accessMinutes: s.accessMinutes }),
    schedule: s.schedule,
    frequencyNote: s.frequencyNote,
    capacity: s.capacity,
    vacancies: s.vacancies,
    acceptsOutsideEligibility: s.acceptsOutsideEligibility,
    status: s.status,
    demands: { talking: s.demandTalking, physical: s.demandPhysical, literacy: s.demandLiteracy },
  };
}

async function searches(base: string, token: string, count: number): Promise<{ p50: number; p95: number }> {
  const texts = needsTexts(count + 5);
  const times: number[] = [];
  for (const [i, needs] of texts.entries()) {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/v1/matches/search`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ needs, limit: 10 }),
    });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`search → ${res.status}`);
    if (i >= 5) times.push(performance.now() - t0); // the first five warm the caches
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function connectDb(dataDir: string): Promise<Client> {
  const { port } = JSON.parse(fs.readFileSync(embeddedPortFile(dataDir), 'utf8')) as { port: number };
  const pg = new Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
  await pg.connect();
  return pg;
}

async function sharedBuffers(dataDir: string): Promise<{ setting: string; dataMb: number }> {
  const pg = await connectDb(dataDir);
  try {
    const [{ shared_buffers: setting }] = (await pg.query('SHOW shared_buffers')).rows as Array<{ shared_buffers: string }>;
    const [{ mb }] = (
      await pg.query(
        `SELECT round(sum(pg_total_relation_size(c.oid)) / 1048576.0, 1)::float AS mb FROM pg_class c
          JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'm') AND n.nspname = 'public'`,
      )
    ).rows as Array<{ mb: number }>;
    return { setting, dataMb: mb };
  } finally {
    await pg.end();
  }
}

runBench(async (onCleanUp) => {
  const opts = parseOptions(process.argv.slice(2));
  const m = machine();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sanka-bench-embedding-'));
  onCleanUp(async () => fs.rmSync(tmp, { recursive: true, force: true }));
  const prefix = `sanka-bench-embedding-${process.pid}`;
  const adminToken = `bench-admin-${randomBytes(12).toString('hex')}`;
  const port = await freePort();
  const env = serviceEnv({ dataDir: tmp, port, adminToken, queuePrefix: prefix });
  onCleanUp(async () => log(`removed ${await removeQueueKeys(env, prefix)} Redis keys`));
  const loadBefore = loadAvg();
  log(`starting the service (DATA_DIR ${tmp}, port ${port}); load average ${loadBefore}`);
  let service = await startService(env, port);
  onCleanUp(() => service.stop());

  const post = async (url: string, body: object): Promise<{ id: string }> => {
    const res = await fetch(service.base + url, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { id: string };
    if (!res.ok) throw new Error(`${url} → ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const r = rng(20_261_129);
  const organizations: string[] = [];
  for (let i = 0; i < 20; i++)
    organizations.push((await post('/api/v1/organizations', { name: `ベンチ団体${i + 1}`, kind: ORG_KINDS[i % 10] })).id);
  const bodies = Array.from({ length: opts.resources }, () => {
    const s = syntheticResource(r, organizations.length);
    return resourceBody(s, organizations[s.organizationIndex]);
  });

  let peakRssKb = 0;
  const sampler = setInterval(() => (peakRssKb = Math.max(peakRssKb, treeRssKb(service.child.pid!))), 1_000);
  onCleanUp(async () => clearInterval(sampler));

  log(`POSTing ${opts.resources} resources, ${opts.concurrency} at a time…`);
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (next < bodies.length) {
        const i = next++;
        await post('/api/v1/resources', bodies[i]);
        if ((i + 1) % 1000 === 0) log(`  ${i + 1} posted`);
      }
    }),
  );
  const lastPost = performance.now();
  log(`posted in ${((lastPost - t0) / 1000).toFixed(1)} s (${Math.round(opts.resources / ((lastPost - t0) / 1000))} /s)`);

  const pg = await connectDb(tmp);
  let lastLog = 0;
  const waitDeadline = lastPost + 30 * 60_000;
  for (;;) {
    const ready = ((await pg.query(`SELECT count(*)::int AS n FROM resources WHERE embedding_status = 'ready'`)).rows[0] as { n: number })
      .n;
    if (ready >= opts.resources) break;
    if (performance.now() > waitDeadline) throw new Error(`only ${ready} of ${opts.resources} embedded 30 minutes after the last POST`);
    if (performance.now() - lastLog > 10_000) {
      lastLog = performance.now();
      log(`  ${ready}/${opts.resources} searchable, ${((performance.now() - lastPost) / 1000).toFixed(0)} s after the last POST`);
    }
    await new Promise((res) => setTimeout(res, 250));
  }
  const allReady = performance.now();
  const [span] = (
    await pg.query(
      `SELECT count(*)::int AS n, extract(epoch FROM max(embedded_at) - min(embedded_at))::float AS s
         FROM resources WHERE embedding_status = 'ready'`,
    )
  ).rows as Array<{ n: number; s: number }>;
  const [analyzed] = (
    await pg.query(
      `SELECT n_live_tup::int AS live, n_mod_since_analyze::int AS mods, last_analyze FROM pg_stat_user_tables WHERE relname = 'resources'`,
    )
  ).rows as Array<{ live: number; mods: number; last_analyze: Date | null }>;
  await pg.end();
  const loadAfterEmbedding = loadAvg();
  const afterLoad = await sharedBuffers(tmp);
  const searchAfterLoad = opts.searches ? await searches(service.base, adminToken, opts.searches) : null;
  const rssAfterLoadKb = treeRssKb(service.child.pid!);
  const partsAfterLoad = rssParts(service.child.pid!);
  clearInterval(sampler);

  let restarted: {
    setting: string;
    rssKb: number;
    parts: string;
    search: { p50: number; p95: number } | null;
    reembed: { seconds: number; rate: number };
  } | null = null;
  if (opts.restart) {
    // As after a model change: every vector is of another model, and the service re-embeds them all at start.
    const db = await connectDb(tmp);
    await db.query(`UPDATE resources SET embedding_model = 'bench-older-model'`);
    await db.end();
    log('restarting the service on the same data, every vector marked as of another model…');
    await service.stop();
    const restartedAt = performance.now();
    service = await startService(env, port);
    const again = await connectDb(tmp);
    const current = env.EMBEDDING_MODEL!;
    for (;;) {
      const q = `SELECT count(*)::int AS n FROM resources WHERE embedding_model = $1 AND embedding_status = 'ready'`;
      if (((await again.query(q, [current])).rows[0] as { n: number }).n >= opts.resources) break;
      if (performance.now() - restartedAt > 30 * 60_000) throw new Error('re-embedding did not finish within 30 minutes');
      await new Promise((res) => setTimeout(res, 250));
    }
    const [reSpan] = (
      await again.query(`SELECT count(*)::int AS n, extract(epoch FROM max(embedded_at) - min(embedded_at))::float AS s FROM resources`)
    ).rows as Array<{ n: number; s: number }>;
    await again.end();
    const settings = await sharedBuffers(tmp);
    const search = opts.searches ? await searches(service.base, adminToken, opts.searches) : null;
    restarted = {
      setting: settings.setting,
      rssKb: treeRssKb(service.child.pid!),
      parts: rssParts(service.child.pid!),
      search,
      reembed: { seconds: (performance.now() - restartedAt) / 1000, rate: reSpan.s > 0 ? reSpan.n / reSpan.s : NaN },
    };
  }
  const loadAfter = loadAvg();

  const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;
  const override = process.env.EMBEDDED_DB_SHARED_BUFFERS;
  const postSeconds = (lastPost - t0) / 1000;
  const lines = [
    `Command: \`npm run bench:embedding -- --resources ${opts.resources} --concurrency ${opts.concurrency} --searches ${opts.searches}\`` +
      `${override ? ` with EMBEDDED_DB_SHARED_BUFFERS=${override}` : ''}  `,
    `Date: ${new Date().toISOString().slice(0, 16)}Z; machine: ${m.nproc} CPUs, ${m.cpu}, ${m.memGiB} GiB; ` +
      `Node ${m.node}; PGlite ${m.pglite}; model ${env.EMBEDDING_MODEL}  `,
    `Load average (1/5/15 min): before ${loadBefore}; after embedding ${loadAfterEmbedding}; at the end ${loadAfter}`,
    '',
    '| measure | value |',
    '|---|---:|',
    `| POSTs | ${opts.resources} in ${postSeconds.toFixed(1)} s (${Math.round(opts.resources / postSeconds)}/s) |`,
    `| all searchable after the last POST | ${((allReady - lastPost) / 1000).toFixed(1)} s |`,
    `| first POST → all searchable | ${((allReady - t0) / 1000).toFixed(1)} s |`,
    `| embedding rate (rows / span of embedded_at) | ${span.s > 0 ? Math.round(span.n / span.s) : '–'} texts/s |`,
    `| peak RSS of the service tree during load | ${mb(peakRssKb)} |`,
    `| RSS after load + searches | ${mb(rssAfterLoadKb)} (${partsAfterLoad} MB; ` +
      `shared_buffers ${afterLoad.setting}, data ${afterLoad.dataMb} MB) |`,
    `| resources statistics after load | n_live_tup ${analyzed?.live}, n_mod_since_analyze ${analyzed?.mods}, ` +
      `last_analyze ${analyzed?.last_analyze ? 'set' : 'never'} |`,
    ...(searchAfterLoad ? [`| search p50 / p95 after load | ${ms(searchAfterLoad.p50)} / ${ms(searchAfterLoad.p95)} ms |`] : []),
    ...(restarted
      ? [
          `| model change: restart → all re-embedded | ${restarted.reembed.seconds.toFixed(1)} s (start-up included), ` +
            `${Math.round(restarted.reembed.rate)} texts/s over the span of embedded_at |`,
          `| after restart: shared_buffers, RSS after searches | ${restarted.setting}, ${mb(restarted.rssKb)} (${restarted.parts} MB) |`,
          ...(restarted.search
            ? [`| after restart: search p50 / p95 | ${ms(restarted.search.p50)} / ${ms(restarted.search.p95)} ms |`]
            : []),
        ]
      : []),
  ];
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
});
