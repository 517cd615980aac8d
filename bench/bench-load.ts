/**
 * `npm run bench:load [-- --size 10000 --concurrency 8 --seconds 30 --sequential 200 --probe]`
 *
 * Searches many users make at once, over loopback HTTP on the real app (AppModule + configureApp):
 *   1. a catalogue of `--size` synthetic resources (the bench:search loader: real tokenizer, real local model),
 *      kept in a data dir under the system temp dir and reused by the next run (`--data-dir` to choose it,
 *      `--fresh` to rebuild it); with `DATABASE_URL` set it runs against that server instead (pgvector ≥ 0.8
 *      required: refused otherwise; the catalogue is loaded there only into an empty resources table);
 *   2. `--sequential` searches one at a time (p50/p95/p99 of one user), then
 *   3. `--concurrency` clients searching back to back for `--seconds` (searches/s, p50/p95/p99, errors).
 * Needs: the dev set's and generated texts, a third of them repeated (coordinators re-run a search), with no
 * filters, moderate filters (two types, three areas, three days) or a selective one, in the mix of a working day.
 * `--probe` adds a per-step breakdown (time in each service step per search, database round trips per search):
 * it wraps the service's providers in this process only. Everything it starts is removed at the end, also on Ctrl-C
 * (the cached catalogue dir is kept on purpose).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import Redis from 'ioredis';
import { Client } from 'pg';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/app.setup';
import { loadConfig } from '../src/config/app-config';
import { prepareDatabase } from '../src/database/data-source';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { EmbeddingModelRepository } from '../src/matching/embedding-model.repository';
import { ResourceVectorIndex } from '../src/matching/resource-vector-index';
import { JapaneseTokenizer } from '../src/common/japanese/tokenizer';
import { DAYS, RESOURCE_TYPES } from '../src/common/catalogue.constants';
import { loadCatalogue } from './search-catalogue';
import { AREA_NAMES, AREAS, needsTexts, rng, TYPE_WEIGHTS, type Rng } from './synthetic-catalogue';
import { deleteKeys, fmtInt, logger, machine, mean, ms, percentile, runBench } from './bench-support';

interface Options {
  size: number;
  concurrency: number;
  seconds: number;
  sequential: number;
  probe: boolean;
  fresh: boolean;
  dataDir?: string;
}

const log = logger('bench-load');

function parseOptions(argv: string[]): Options {
  const o: Options = { size: 10_000, concurrency: 8, seconds: 30, sequential: 200, probe: false, fresh: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const num = () => Number(inline ?? argv[++i]);
    if (flag === '--size') o.size = num();
    else if (flag === '--concurrency') o.concurrency = num();
    else if (flag === '--seconds') o.seconds = num();
    else if (flag === '--sequential') o.sequential = num();
    else if (flag === '--probe') o.probe = true;
    else if (flag === '--fresh') o.fresh = true;
    else if (flag === '--data-dir') o.dataDir = path.resolve(inline ?? argv[++i]);
    else throw new Error(`unknown option ${argv[i]} (--size --concurrency --seconds --sequential --probe --fresh --data-dir DIR)`);
  }
  // bounded: this is a loopback bench, not a load generator
  if (!Number.isInteger(o.size) || o.size < 100 || o.size > 200_000) throw new Error('--size: an integer 100..200000');
  if (!Number.isInteger(o.concurrency) || o.concurrency < 1 || o.concurrency > 64) throw new Error('--concurrency: 1..64');
  if (!(o.seconds > 0 && o.seconds <= 300)) throw new Error('--seconds: 1..300');
  if (!Number.isInteger(o.sequential) || o.sequential < 0 || o.sequential > 5_000) throw new Error('--sequential: 0..5000');
  return o;
}

interface Search {
  needs: string;
  limit: number;
  filters?: { types?: string[]; areas?: string[]; days?: string[]; accommodations?: string[] };
}

/** The searches of a working day: a third repeat an earlier need, most without filters. */
function workload(count: number, r: Rng): Search[] {
  const texts = needsTexts(300);
  const out: Search[] = [];
  for (let i = 0; i < count; i++) {
    const repeat = out.length > 0 && r.next() < 1 / 3;
    const needs = repeat ? out[Math.floor(r.next() * out.length)].needs : texts[i % texts.length];
    const kind = r.next();
    const filters =
      kind < 0.6
        ? undefined
        : kind < 0.9
          ? { types: r.sample(RESOURCE_TYPES, 2), areas: r.sample(AREA_NAMES, 3), days: r.sample(DAYS, 3) }
          : {
              types: [r.weighted(TYPE_WEIGHTS)],
              areas: [r.weighted(AREAS)],
              days: [r.pick(DAYS)],
              accommodations: [r.pick(['quiet', 'seated', 'short_hours', 'small_group', 'little_talking'])],
            };
    out.push({ needs, limit: 10, ...(filters ? { filters } : {}) });
  }
  return out;
}

/** The embedded database with a cached catalogue, or DATABASE_URL (checked); returns its URL and a stop. */
async function database(opts: Options, model: EmbeddingModelRepository, onCleanUp: (step: () => Promise<void>) => void) {
  const external = process.env.DATABASE_URL;
  let url: string;
  let dir: string | null = null;
  if (external) {
    url = external;
    const pg = new Client({ connectionString: url });
    await pg.connect();
    try {
      const { rows } = await pg.query(`SELECT extversion FROM pg_extension WHERE extname = 'vector'`);
      const [major, minor] = String(rows[0]?.extversion ?? '0.0')
        .split('.')
        .map(Number);
      if (!rows.length || (major === 0 && minor < 8))
        throw new Error(`DATABASE_URL: pgvector ≥ 0.8 required (found ${rows[0]?.extversion ?? 'none'})`);
    } finally {
      await pg.end();
    }
  } else {
    dir = opts.dataDir ?? path.join(os.tmpdir(), `sanka-bench-load-${opts.size}`);
    if (opts.fresh) fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const embedded = await startEmbeddedPostgres(dir);
    onCleanUp(() => embedded.stop());
    url = embedded.url;
  }
  await prepareDatabase(url);
  const pg = new Client({ connectionString: url });
  await pg.connect();
  try {
    const n = (await pg.query('SELECT count(*)::int AS n FROM resources')).rows[0].n as number;
    if (n === 0) {
      log(`loading ${fmtInt(opts.size)} resources (tokenizer + local model; cached in ${dir ?? 'DATABASE_URL'} for the next run)…`);
      const tokenizer = new JapaneseTokenizer();
      await tokenizer.ready();
      const load = await loadCatalogue(pg, opts.size, model, tokenizer);
      log(`  loaded in ${load.loadSeconds.toFixed(0)} s; ANALYZE…`);
      await pg.query('ANALYZE');
    } else if (n !== opts.size) {
      throw new Error(`the database holds ${n} resources, not ${opts.size} (use --fresh, another --data-dir or an empty DATABASE_URL)`);
    } else log(`reusing the catalogue of ${fmtInt(n)} resources in ${dir ?? 'DATABASE_URL'}`);
  } finally {
    await pg.end();
  }
  return { url, dir };
}

/** --probe: time spent per step of a search, from wrappers around the providers' methods. */
class Probe {
  readonly totals = new Map<string, { ms: number; calls: number }>();
  roundTrips = 0;
  readonly statements = new Map<string, number>();

  wrap(target: object, method: string, label: string): void {
    const obj = target as Record<string, (...args: unknown[]) => unknown>;
    const original = obj[method].bind(target);
    obj[method] = (...args: unknown[]) => {
      const t0 = performance.now();
      const done = () => {
        const t = this.totals.get(label) ?? { ms: 0, calls: 0 };
        t.ms += performance.now() - t0;
        t.calls++;
        this.totals.set(label, t);
      };
      const result = original(...args);
      if (result instanceof Promise) return result.finally(done);
      done();
      return result;
    };
  }

  countRoundTrips(): void {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pg = require('pg') as { Client: { prototype: { query: (...a: unknown[]) => unknown } } };
    const query = pg.Client.prototype.query;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
      self.roundTrips++;
      const text = typeof args[0] === 'string' ? args[0] : String((args[0] as { text?: string })?.text ?? '?');
      const statement = text.replace(/\s+/g, ' ').trim().slice(0, 60);
      self.statements.set(statement, (self.statements.get(statement) ?? 0) + 1);
      return query.apply(this, args);
    };
  }

  reset(): void {
    this.totals.clear();
    this.roundTrips = 0;
    this.statements.clear();
  }
}

/**
 * CPU milliseconds used so far by this process's child running `script` (the embedded database), from /proc: a
 * figure that other work on a shared machine inflates far less than wall time. null where /proc is not there.
 */
function childCpuMs(script: string): (() => number) | null {
  try {
    const children = fs
      .readdirSync(`/proc/${process.pid}/task`)
      .flatMap((t) => fs.readFileSync(`/proc/${process.pid}/task/${t}/children`, 'utf8').trim().split(/\s+/))
      .filter(Boolean);
    const pid = children.find((c) => fs.readFileSync(`/proc/${c}/cmdline`, 'utf8').includes(script));
    if (!pid) return null;
    const ticks = 1000 / 100; // USER_HZ
    return () => {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) * ticks;
    };
  } catch {
    return null;
  }
}

function latencies(xs: number[]) {
  return { p50: percentile(xs, 50), p95: percentile(xs, 95), p99: percentile(xs, 99), mean: mean(xs) };
}

runBench(async (onCleanUp) => {
  const opts = parseOptions(process.argv.slice(2));
  const m = machine();
  log(`machine: ${m.nproc} CPUs (${m.cpu}), load ${os.loadavg()[0].toFixed(2)}, Node ${m.node}`);
  const prefix = `sanka-bench-load-${process.pid}-${randomBytes(3).toString('hex')}`;
  const adminToken = `bench-admin-${randomBytes(12).toString('hex')}`;
  const baseConfig = loadConfig({ ...process.env, DEMO_DATA: 'false' });
  const model = new EmbeddingModelRepository(baseConfig);
  onCleanUp(() => model.onModuleDestroy());
  model.onModuleInit();
  const modelName = await model.ready();
  const { url } = await database(opts, model, onCleanUp);
  await model.onModuleDestroy(); // the app starts its own

  const probe = opts.probe ? new Probe() : null;
  probe?.countRoundTrips();
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: url,
    QUEUE_PREFIX: prefix,
    ADMIN_TOKEN: adminToken,
    DEMO_DATA: 'false',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    RECONCILE_INTERVAL_SECONDS: '3600',
    // Capacity, not the per-client limit (600/min by default): with the limit the 8 clients measured 429s.
    RATE_LIMIT_PER_MINUTE: process.env.RATE_LIMIT_PER_MINUTE ?? '1000000',
  });
  const redis = new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  onCleanUp(async () => {
    await redis.connect().catch(() => undefined);
    const removed = await deleteKeys(redis, `${prefix}:*`).catch(() => 0);
    redis.disconnect();
    log(`removed ${removed} Redis keys under ${prefix}:`);
  });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, url), { bufferLogs: true, bodyParser: false });
  onCleanUp(() => app.close());
  configureApp(app, config);
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  await app.get(EmbeddingModelRepository).ready();
  if (probe) {
    const { MatchRepository } = await import('../src/matching/match.repository');
    const { ApiTokenService } = await import('../src/auth/api-token.service');
    const { AuditService } = await import('../src/audit/audit.service');
    probe.wrap(app.get(ApiTokenService), 'authenticate', 'auth (token lookup)');
    probe.wrap(app.get(EmbeddingModelRepository), 'embed', 'embed needs (model process)');
    probe.wrap(app.get(JapaneseTokenizer), 'contentWords', 'tokenize needs (kuromoji)');
    probe.wrap(app.get(MatchRepository), 'findCandidates', 'findCandidates (SQL)');
    probe.wrap(app.get(MatchRepository), 'logSearch', 'search log INSERT');
    probe.wrap(app.get(AuditService), 'record', 'audit');
  }

  const post = async (url: string, token: string, body: object) => {
    const res = await fetch(base + url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new Error(`${url} → ${res.status} ${JSON.stringify(json).slice(0, 300)}`);
    return json;
  };
  const { token } = (await post('/api/v1/tokens', adminToken, { name: 'bench-load coordinator', role: 'coordinator' })) as {
    token: string;
  };
  const first = (await post('/api/v1/matches/search', token, { needs: 'パソコンの入力作業', limit: 10 })) as { model: string };
  if (first.model !== modelName) throw new Error(`the app uses ${first.model}, the catalogue was embedded with ${modelName}`);
  // The in-process vector index loads in the background at the first search (SQL path meanwhile): measure with it loaded.
  const vectorIndex = (() => {
    try {
      return app.get(ResourceVectorIndex, { strict: false });
    } catch {
      return null; // SEARCH_VECTOR_INDEX=false (or a build without it)
    }
  })();
  if (vectorIndex) {
    const t0 = performance.now();
    await vectorIndex.ready(modelName);
    log(`vector index: ${JSON.stringify(vectorIndex.status())} (load awaited ${ms(performance.now() - t0)} ms)`);
    if (probe) probe.wrap(vectorIndex, 'nearest', 'vector index scan (in process)');
  }

  const r = rng(1_129);
  const searches = workload(Math.max(opts.sequential, 2_000), r);
  for (const s of searches.slice(0, 20)) await post('/api/v1/matches/search', token, s); // warm-up

  let sequential: ReturnType<typeof latencies> | null = null;
  let cpuPerSearch = { db: NaN, app: NaN };
  if (opts.sequential) {
    probe?.reset();
    const dbCpu = url === process.env.DATABASE_URL ? null : childCpuMs('embedded-postgres.server.js');
    const db0 = dbCpu?.() ?? 0;
    const app0 = process.cpuUsage();
    const times: number[] = [];
    for (const s of searches.slice(0, opts.sequential)) {
      const t0 = performance.now();
      await post('/api/v1/matches/search', token, s);
      times.push(performance.now() - t0);
    }
    sequential = latencies(times);
    const app = process.cpuUsage(app0);
    cpuPerSearch = {
      db: dbCpu ? (dbCpu() - db0) / opts.sequential : NaN,
      app: (app.user + app.system) / 1000 / opts.sequential,
    };
    log(`  CPU per search: database ${ms(cpuPerSearch.db)} ms, this process (service + bench client) ${ms(cpuPerSearch.app)} ms`);
    log(`sequential (${opts.sequential}): p50 ${ms(sequential.p50)} ms, p95 ${ms(sequential.p95)} ms, p99 ${ms(sequential.p99)} ms`);
    if (probe) {
      log(`  per search (mean ms over ${opts.sequential}): HTTP total ${ms(sequential.mean)}`);
      for (const [label, t] of probe.totals) log(`    ${label}: ${(t.ms / opts.sequential).toFixed(2)} ms (${t.calls} calls)`);
      log(`    database round trips per search: ${(probe.roundTrips / opts.sequential).toFixed(2)}`);
      for (const [statement, n] of [...probe.statements].sort((a, b) => b[1] - a[1]).slice(0, 8)) log(`      ${n}× ${statement}`);
    }
  }

  log(`concurrency ${opts.concurrency} for ${opts.seconds} s…`);
  const load0 = os.loadavg()[0];
  const times: number[] = [];
  const errors: string[] = [];
  let next = 0;
  const deadline = performance.now() + opts.seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (performance.now() < deadline) {
        const s = searches[next++ % searches.length];
        const t0 = performance.now();
        try {
          await post('/api/v1/matches/search', token, s);
          times.push(performance.now() - t0);
        } catch (err) {
          errors.push(String(err).slice(0, 200));
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const concurrent = latencies(times);
  const perSecond = times.length / elapsed;
  const indexState = vectorIndex ? `in process (${vectorIndex.status().state}, ${fmtInt(vectorIndex.status().rows)} rows)` : 'SQL';
  const lines = [
    `| bench:load, ${fmtInt(opts.size)} resources | value |`,
    '|---|---:|',
    ...(sequential
      ? [
          `| one user, ${opts.sequential} searches: p50 / p95 / p99 (ms) | ` +
            `${ms(sequential.p50)} / ${ms(sequential.p95)} / ${ms(sequential.p99)} |`,
        ]
      : []),
    ...(sequential
      ? [`| one user: CPU per search, database / this process (service + client) (ms) | ${ms(cpuPerSearch.db)} / ${ms(cpuPerSearch.app)} |`]
      : []),
    `| concurrency ${opts.concurrency}, ${opts.seconds} s: searches/s | ${perSecond.toFixed(1)} |`,
    `| concurrency ${opts.concurrency}: p50 / p95 / p99 (ms) | ${ms(concurrent.p50)} / ${ms(concurrent.p95)} / ${ms(concurrent.p99)} |`,
    `| errors | ${errors.length} |`,
    `| exact vector list | ${indexState} |`,
    `| 1-min load average before / after the concurrent phase | ${load0.toFixed(2)} / ${os.loadavg()[0].toFixed(2)} |`,
  ];
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
  if (errors.length) log(`first error: ${errors[0]}`);
});
