/**
 * Follow-up scheduling and reconcile benchmark.
 *   npm run bench:followup                          10,000 placements, writes docs/benchmarks.md
 *   npm run bench:followup -- --placements 500 --no-docs   smoke run
 *   options: --placements N (10000), --resources N (1000), --concurrency N (1), --no-docs, --no-wait, --no-experiments,
 *            --jobs-per-placement N (4: one job per checkpoint; 8 to measure a build from before, with two per checkpoint),
 *            --rounds N (1: how many times the experiments run, interleaved)
 *
 * Boots the real Nest application context (ROLE=api: no queue consumers, so every job stays
 * delayed and countable; ROLE=all would also start the reconcile watchdog, which re-adds jobs on
 * its own during the measurement) on a throw-away embedded PostgreSQL and its own QUEUE_PREFIX:
 *   1. bulk-inserts participants (consent obtained), resources and placements in state trial (set-up, SQL),
 *      then activates every placement through PlacementService.transition → default plan
 *      (14, 28, 60, 90 days: 4 checkpoints, 4 delayed BullMQ jobs per placement: one job per checkpoint, its due job;
 *      the due job adds the overdue job when it runs);
 *   2. checks the queue holds 4 × N delayed jobs;
 *   3. deletes every Redis key of the follow-up queue (a Redis restart), times ReconcileScheduler.reconcile()
 *      restoring them, then a second reconcile (must add none);
 *   3b. (unless --no-experiments) times alternative reconcile strategies written here in the bench, against
 *      the same data and the same JobRepository/FollowUpRepository methods: proposals, not src/ changes;
 *   4. prints a markdown table and writes "## Follow-up (npm run bench:followup)" in docs/benchmarks.md (replacing that
 *      section: use --no-docs to keep it and write a dated section by hand);
 *   5. cleans up (app, database, temp dir, Redis keys under the prefix).
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Queue } from 'bullmq';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import type { Actor } from '../src/auth/actor';
import { loadConfig, type AppConfig } from '../src/config/app-config';
import { prepareDatabase } from '../src/database/data-source';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { FollowUpRepository } from '../src/follow-up/follow-up.repository';
import { FollowUpService } from '../src/follow-up/follow-up.service';
import { JobRepository } from '../src/jobs/job.repository';
import { QueueName } from '../src/jobs/job.constants';
import { ReconcileScheduler } from '../src/jobs/reconcile.scheduler';
import { redisConnection } from '../src/jobs/redis-connection';
import { EmbeddingModelRepository } from '../src/matching/embedding-model.repository';
import type { TransitionDto } from '../src/placements/dto/placement.dto';
import { PlacementService } from '../src/placements/placement.service';
import { PlacementViews } from '../src/placements/placement.views';
import {
  deleteKeys,
  fmtInt,
  runBench,
  loadAvg,
  logger,
  machine,
  ms,
  percentile,
  scanKeys,
  sec,
  waitForOtherBenchmarks,
  writeDocsSection,
  type Machine,
} from './bench-support';

const SECTION = '## Follow-up (npm run bench:followup)';
const ADMIN: Actor = { tokenId: null, role: 'admin', organizationId: null, areas: null, route: 'bench' };
/** One delayed job per checkpoint (its due job) × the default plan's 4 checkpoints (--jobs-per-placement). */
const JOBS_PER_PLACEMENT = 4;

interface Options {
  placements: number;
  resources: number;
  concurrency: number;
  docs: boolean;
  wait: boolean;
  experiments: boolean;
  jobsPerPlacement: number;
  rounds: number;
}

function parseOptions(argv: string[]): Options {
  const opts: Options = {
    placements: 10_000,
    resources: 1_000,
    concurrency: 1,
    docs: true,
    wait: true,
    experiments: true,
    jobsPerPlacement: JOBS_PER_PLACEMENT,
    rounds: 1,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = () => {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 1) throw new Error(`${a} needs a positive integer`);
      return v;
    };
    if (a === '--placements') opts.placements = num();
    else if (a === '--resources') opts.resources = num();
    else if (a === '--concurrency') opts.concurrency = num();
    else if (a === '--no-docs') opts.docs = false;
    else if (a === '--no-wait') opts.wait = false;
    else if (a === '--no-experiments') opts.experiments = false;
    else if (a === '--jobs-per-placement') opts.jobsPerPlacement = num();
    else if (a === '--rounds') opts.rounds = num();
    else throw new Error(`unknown option ${a}`);
  }
  return opts;
}

const log = logger('bench-followup');

// ---------------------------------------------------------------------------
// Redis helpers

/** Redis server CPU seconds (user + sys) so far. */
async function redisCpu(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const get = (k: string) => Number(new RegExp(`${k}:([\\d.]+)`).exec(info)?.[1] ?? NaN);
  return get('used_cpu_user') + get('used_cpu_sys');
}

/** This process's CPU milliseconds (user + sys) so far. */
const nodeCpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** CPU milliseconds (user + sys) of this process's embedded database server (a child process; Linux /proc), NaN elsewhere. */
function dbCpu(): number {
  try {
    for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // from field 3 (state) on
      if (Number(fields[1]) !== process.pid) continue; // field 4: parent pid
      if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('embedded-postgres.server')) continue;
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // fields 14, 15: utime, stime in clock ticks (100/s)
    }
  } catch {
    // a process that ended while being read, or no /proc
  }
  return NaN;
}

async function usedMemory(redis: Redis): Promise<number> {
  return Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? NaN);
}

// ---------------------------------------------------------------------------
// set-up (bulk SQL, not measured)

async function setUp(db: DataSource, opts: Options): Promise<string[]> {
  const [{ id: orgId }] = await db.query(
    `INSERT INTO organizations (name, kind, area) VALUES ('ベンチ用法人', 'npo', '中央') RETURNING id`,
  );
  const perResource = Math.ceil(opts.placements / opts.resources);
  await db.query(
    `INSERT INTO resources (organization_id, type, title, area, capacity, vacancies)
     SELECT $1, 'ibasho', 'ベンチ用の居場所 ' || g, '中央', $2, $2 FROM generate_series(1, $3) g`,
    [orgId, perResource, opts.resources],
  );
  await db.query(
    `INSERT INTO participants (display_name, area, needs, consent_status, consent_date, consent_method, consent_scope)
     SELECT 'ベンチ' || g || 'さん', '中央', '静かな場所で黙々とできる作業を週1回から', 'obtained', current_date, '面談で書面により確認', '{displayName}'
       FROM generate_series(1, $1) g`,
    [opts.placements],
  );
  // Placements in trial (the usual step before active), participants spread over the resources.
  await db.query(
    `WITH p AS (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM participants),
          r AS (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM resources)
     INSERT INTO placements (participant_id, resource_id, state, trial_date, proposed_at)
     SELECT p.id, r.id, 'trial', current_date - 7, now() - interval '30 days' FROM p JOIN r ON r.rn = ((p.rn - 1) % $1) + 1`,
    [opts.resources],
  );
  await db.query(`ANALYZE`);
  const rows: Array<{ id: string }> = await db.query(`SELECT id FROM placements ORDER BY proposed_at, id`);
  return rows.map((r) => r.id);
}

// ---------------------------------------------------------------------------
// the benchmark

interface Timed {
  ms: number;
  calls: number;
}
/** Wraps an instance method (bench-side only) to sum the time spent in it. */
function timeMethod<T extends object>(instance: T, method: keyof T & string): Timed {
  const timed: Timed = { ms: 0, calls: 0 };
  const original = (instance[method] as unknown as (...args: unknown[]) => Promise<unknown>).bind(instance);
  (instance as Record<string, unknown>)[method] = async (...args: unknown[]) => {
    const t0 = performance.now();
    try {
      return await original(...args);
    } finally {
      timed.ms += performance.now() - t0;
      timed.calls++;
    }
  };
  return timed;
}

interface ReconcileRun {
  ms: number;
  followUpMs: number;
  dbMs: number;
  redisMs: number;
  nodeCpuMs: number;
  redisCpuMs: number;
  dbCpuMs: number;
  checkpoints: number;
  delayed: number;
  load: { before: string; after: string };
}

interface Experiment {
  name: string;
  describe: string;
  ms: number;
  delayed: number;
  added: number;
  nodeCpuMs: number;
  redisCpuMs: number;
  dbCpuMs: number;
  load: { before: string; after: string };
}

interface Results {
  placements: number;
  jobsPerPlacement: number;
  concurrency: number;
  setUpMs: number;
  activation: { totalMs: number; latencies: number[]; scheduleMs: number; renderMs: number; failed: number };
  afterActivation: { delayed: number; checkpoints: number; redisBytes: number; keys: number };
  wipe: { keys: number; ms: number; delayedAfter: number };
  reconcile1: ReconcileRun;
  reconcile2: ReconcileRun;
  experiments: Experiment[];
  load: { before: string; after: string };
  waitNote: string;
}

async function run(app: INestApplicationContext, config: AppConfig, opts: Options, redis: Redis, waitNote: string): Promise<Results> {
  const db = app.get(DataSource);
  const queue = app.get<Queue>(getQueueToken(QueueName.FollowUp));
  const placements = app.get(PlacementService);
  const reconciler = app.get(ReconcileScheduler);
  const expectedJobs = opts.placements * opts.jobsPerPlacement;
  const queuePattern = `${config.queuePrefix}:${QueueName.FollowUp}:*`;

  log(
    `set-up: ${fmtInt(opts.placements)} participants, ${fmtInt(opts.resources)} resources, ${fmtInt(opts.placements)} placements in ` +
      `trial (bulk SQL)`,
  );
  let t0 = performance.now();
  const ids = await setUp(db, opts);
  const setUpMs = performance.now() - t0;
  log(`set-up done in ${sec(setUpMs)} s`);

  // The reconcile below also asks the model (embeddings outstanding): load it now, not during the timing.
  await app
    .get(EmbeddingModelRepository)
    .ready()
    .catch((err) => log(`model not ready (${String(err)}); ReconcileScheduler.reconcile() will fail after the follow-up part`));

  const scheduleTimer = timeMethod(app.get(JobRepository), 'scheduleCheckpoints');
  const renderTimer = timeMethod(app.get(PlacementViews), 'render');
  const followUpTimer = timeMethod(app.get(FollowUpService), 'reconcile');
  const pageTimer = timeMethod(app.get(FollowUpRepository), 'openCheckpoints');
  const missingTimer = timeMethod(app.get(JobRepository), 'scheduleMissingCheckpoints');
  const redisBefore = await usedMemory(redis);

  // 1. Activate every placement through the service (transaction, plan, checkpoints, jobs after commit, view).
  const loadBefore = loadAvg();
  log(
    `activating ${fmtInt(ids.length)} placements through PlacementService.transition (concurrency ${opts.concurrency}); load average ` +
      `${loadBefore}`,
  );
  const latencies: number[] = [];
  let failed = 0;
  let next = 0;
  t0 = performance.now();
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++];
      const s = performance.now();
      try {
        await placements.transition(ADMIN, id, { to: 'active' } as TransitionDto);
      } catch (err) {
        if (failed++ < 5) log(`activation of ${id} failed: ${String(err)}`);
      }
      latencies.push(performance.now() - s);
      if (latencies.length % 1_000 === 0)
        log(`  ${fmtInt(latencies.length)} activated, ${(latencies.length / ((performance.now() - t0) / 1000)).toFixed(0)}/s`);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  const activationMs = performance.now() - t0;
  const scheduleMs = scheduleTimer.ms;
  const renderMs = renderTimer.ms;
  log(
    `activation: ${sec(activationMs)} s, ${(ids.length / (activationMs / 1000)).toFixed(0)} placements/s, p50 ` +
      `${ms(percentile(latencies, 50))} ms, p95 ${ms(percentile(latencies, 95))} ms`,
  );

  // 2. Every job there?
  const delayed = (await queue.getJobCounts('delayed')).delayed;
  const [{ n: checkpoints }] = await db.query(`SELECT count(*)::int AS n FROM follow_up_checkpoints WHERE status = 'scheduled'`);
  const keys = (await scanKeys(redis, queuePattern)).length;
  const redisBytes = (await usedMemory(redis)) - redisBefore;
  log(
    `after activation: ${fmtInt(delayed)} delayed jobs (expected ${fmtInt(expectedJobs)}), ${fmtInt(checkpoints)} scheduled checkpoints, ` +
      `${fmtInt(keys)} Redis keys, +${(redisBytes / 2 ** 20).toFixed(1)} MiB`,
  );
  if (delayed !== expectedJobs) throw new Error(`expected ${expectedJobs} delayed jobs after activation, found ${delayed}`);

  // 3. Redis loses everything of the follow-up queue; the reconciler restores it from the database.
  t0 = performance.now();
  const wiped = await deleteKeys(redis, queuePattern);
  const wipeMs = performance.now() - t0;
  const delayedAfterWipe = (await queue.getJobCounts('delayed')).delayed;
  log(`deleted ${fmtInt(wiped)} keys of ${queuePattern} in ${sec(wipeMs)} s; delayed now ${delayedAfterWipe}`);
  if (delayedAfterWipe !== 0) throw new Error(`expected 0 delayed jobs after the wipe, found ${delayedAfterWipe}`);

  const reconcileOnce = async (label: string): Promise<ReconcileRun> => {
    for (const t of [followUpTimer, pageTimer, missingTimer]) t.ms = 0;
    const loadBeforeRun = loadAvg();
    const [cpu0, rcpu0, dcpu0] = [nodeCpu(), await redisCpu(redis), dbCpu()];
    const s = performance.now();
    const result = await reconciler.reconcile();
    const total = performance.now() - s;
    const [nodeCpuMs, redisCpuMs, dbCpuMs] = [nodeCpu() - cpu0, ((await redisCpu(redis)) - rcpu0) * 1000, dbCpu() - dcpu0];
    const count = (await queue.getJobCounts('delayed')).delayed;
    log(
      `${label}: ${sec(total)} s (follow-up part ${sec(followUpTimer.ms)} s: pages from the database ${sec(pageTimer.ms)} s, Redis ` +
        `HMGET + addBulk ${sec(missingTimer.ms)} s), ` +
        `CPU: this process ${sec(nodeCpuMs)} s, redis-server ${sec(redisCpuMs)} s, database ${sec(dbCpuMs)} s; ` +
        `${fmtInt(Number(result.checkpointsScheduled))} ` +
        `checkpoints, delayed ${fmtInt(count)}; load average before ${loadBeforeRun}, after ${loadAvg()}`,
    );
    if (count !== expectedJobs) throw new Error(`expected ${expectedJobs} delayed jobs after ${label}, found ${count}`);
    return {
      ms: total,
      followUpMs: followUpTimer.ms,
      dbMs: pageTimer.ms,
      redisMs: missingTimer.ms,
      nodeCpuMs,
      redisCpuMs,
      dbCpuMs,
      checkpoints: Number(result.checkpointsScheduled),
      delayed: count,
      load: { before: loadBeforeRun, after: loadAvg() },
    };
  };
  const reconcile1 = await reconcileOnce('reconcile after wipe');
  const reconcile2 = await reconcileOnce('second reconcile');
  const experiments = opts.experiments ? await runExperiments(app, config, redis, expectedJobs, opts.rounds) : [];

  return {
    placements: ids.length,
    jobsPerPlacement: opts.jobsPerPlacement,
    concurrency: opts.concurrency,
    setUpMs,
    activation: { totalMs: activationMs, latencies, scheduleMs, renderMs, failed },
    afterActivation: { delayed, checkpoints, redisBytes, keys },
    wipe: { keys: wiped, ms: wipeMs, delayedAfter: delayedAfterWipe },
    reconcile1,
    reconcile2,
    experiments,
    load: { before: loadBefore, after: loadAvg() },
    waitNote,
  };
}

// ---------------------------------------------------------------------------
// alternative reconcile strategies (bench-side; proposals for FollowUpService.reconcile)

/** Walks the open checkpoints as FollowUpService.reconcile does, with up to `inFlight` addBulk batches running
 *  while the next page is read. */
async function reconcileOverlapped(
  followUps: FollowUpRepository,
  handle: (batch: Awaited<ReturnType<FollowUpRepository['openCheckpoints']>>) => Promise<number>,
  pageSize: number,
  inFlight: number,
): Promise<number> {
  let afterId: string | null = null;
  let added = 0;
  const running = new Set<Promise<void>>();
  for (;;) {
    const batch = await followUps.openCheckpoints(afterId, pageSize);
    if (!batch.length) break;
    afterId = batch[batch.length - 1].id;
    const p: Promise<void> = handle(batch).then((n) => {
      added += n;
      running.delete(p);
    });
    running.add(p);
    if (running.size >= inFlight) await Promise.race(running);
  }
  await Promise.all(running);
  return added;
}

async function runExperiments(
  app: INestApplicationContext,
  config: AppConfig,
  redis: Redis,
  expectedJobs: number,
  rounds: number,
): Promise<Experiment[]> {
  const queue = app.get<Queue>(getQueueToken(QueueName.FollowUp));
  const followUps = app.get(FollowUpRepository);
  const jobs = app.get(JobRepository);
  const queuePattern = `${config.queuePrefix}:${QueueName.FollowUp}:*`;
  const missingOnly = async (batch: Awaited<ReturnType<FollowUpRepository['openCheckpoints']>>) => jobs.scheduleMissingCheckpoints(batch);
  const variants: Array<{ name: string; describe: string; wipe: boolean; run: () => Promise<number> }> = [
    {
      name: 'E1 after wipe',
      describe: 'one page of 1,000 at a time (read, HMGET, addBulk of 500), not pipelined',
      wipe: true,
      run: () => reconcileOverlapped(followUps, missingOnly, 1_000, 1),
    },
    {
      name: 'E1 nothing missing',
      describe: 'the same when every job is there (the periodic reconcile)',
      wipe: false,
      run: () => reconcileOverlapped(followUps, missingOnly, 1_000, 1),
    },
    {
      name: 'E4 after wipe',
      describe: 'as FollowUpService.reconcile: up to 4 pages in flight while the next page is read',
      wipe: true,
      run: () => reconcileOverlapped(followUps, missingOnly, 1_000, 4),
    },
    {
      name: 'E8 after wipe',
      describe: 'as FollowUpService.reconcile, but up to 8 pages in flight instead of 4',
      wipe: true,
      run: () => reconcileOverlapped(followUps, missingOnly, 1_000, 8),
    },
  ];
  const results: Experiment[] = [];
  // Rounds interleave the variants, so that a burst of load elsewhere does not fall on one variant only.
  const runs = Array.from({ length: rounds }, (_, r) =>
    variants.map((v) => ({ ...v, name: rounds > 1 ? `${v.name} (round ${r + 1})` : v.name })),
  ).flat();
  for (const v of runs) {
    if (v.wipe) await deleteKeys(redis, queuePattern);
    if (v.wipe && (await queue.getJobCounts('delayed')).delayed !== 0) throw new Error(`${v.name}: wipe left jobs behind`);
    const loadBeforeRun = loadAvg();
    const [cpu0, rcpu0, dcpu0] = [nodeCpu(), await redisCpu(redis), dbCpu()];
    const s = performance.now();
    const added = await v.run();
    const elapsed = performance.now() - s;
    const [nodeCpuMs, redisCpuMs, dbCpuMs] = [nodeCpu() - cpu0, ((await redisCpu(redis)) - rcpu0) * 1000, dbCpu() - dcpu0];
    const delayed = (await queue.getJobCounts('delayed')).delayed;
    log(
      `experiment ${v.name}: ${sec(elapsed)} s (CPU: this process ${sec(nodeCpuMs)} s, redis-server ${sec(redisCpuMs)} s, ` +
        `database ${sec(dbCpuMs)} s), ` +
        `${fmtInt(added)} checkpoints sent to addBulk, delayed ${fmtInt(delayed)}; load average before ${loadBeforeRun}, ` +
        `after ${loadAvg()}`,
    );
    if (delayed !== expectedJobs) throw new Error(`experiment ${v.name}: expected ${expectedJobs} delayed jobs, found ${delayed}`);
    results.push({
      dbCpuMs,
      name: v.name,
      describe: v.describe,
      ms: elapsed,
      delayed,
      added,
      nodeCpuMs,
      redisCpuMs,
      load: { before: loadBeforeRun, after: loadAvg() },
    });
  }
  return results;
}

// ---------------------------------------------------------------------------
// report

function table(r: Results): string {
  const a = r.activation;
  const n = r.placements;
  const rate = (count: number, msTotal: number) => fmtInt(Math.round(count / (msTotal / 1000)));
  const jobs = n * r.jobsPerPlacement;
  const rows: Array<[string, string, string]> = [
    ['set-up (bulk SQL: participants, resources, placements in trial; ANALYZE)', `${sec(r.setUpMs)} s`, 'not part of the measurement'],
    [
      `activate ${fmtInt(n)} placements via PlacementService.transition (concurrency ${r.concurrency})`,
      `${sec(a.totalMs)} s`,
      `${rate(n, a.totalMs)} placements/s; ${fmtInt(jobs)} jobs ⇒ ` +
        `${rate(jobs, a.totalMs)} jobs/s end to end${a.failed ? `; ${a.failed} FAILED` : ''}`,
    ],
    [
      '  per activation p50 / p95 / p99 / max',
      `${ms(percentile(a.latencies, 50))} / ${ms(percentile(a.latencies, 95))} / ${ms(percentile(a.latencies, 99))} / ` +
        `${ms(Math.max(...a.latencies))} ms`,
      'visible check + transaction + enqueue + response view',
    ],
    [
      '  of which JobRepository.scheduleCheckpoints (Redis, after commit)',
      `${sec(a.scheduleMs)} s`,
      `${((100 * a.scheduleMs) / a.totalMs).toFixed(0)} % of the total; ${ms(a.scheduleMs / n)} ms per activation ` +
        `(1 addBulk of ${r.jobsPerPlacement} jobs)`,
    ],
    [
      '  of which PlacementViews.render (response)',
      `${sec(a.renderMs)} s`,
      `${((100 * a.renderMs) / a.totalMs).toFixed(0)} %; ${ms(a.renderMs / n)} ms per activation`,
    ],
    [
      '  rest: visible check + transaction (lock, consent, vacancy, plan, checkpoints, state, event)',
      `${sec(a.totalMs - a.scheduleMs - a.renderMs)} s`,
      `${((100 * (a.totalMs - a.scheduleMs - a.renderMs)) / a.totalMs).toFixed(0)} %; ${ms((a.totalMs - a.scheduleMs - a.renderMs) / n)} ` +
        `ms per activation`,
    ],
    [
      'delayed jobs after activation (`getJobCounts("delayed")`)',
      fmtInt(r.afterActivation.delayed),
      `expected ${fmtInt(jobs)} ${r.afterActivation.delayed === jobs ? '✓' : '✗'}; ${fmtInt(r.afterActivation.checkpoints)} scheduled ` +
        `checkpoints; ${fmtInt(r.afterActivation.keys)} Redis keys, +${(r.afterActivation.redisBytes / 2 ** 20).toFixed(1)} MiB ` +
        `used_memory`,
    ],
    [
      'delete every key of the follow-up queue (SCAN + UNLINK)',
      `${sec(r.wipe.ms)} s`,
      `${fmtInt(r.wipe.keys)} keys; delayed afterwards ${r.wipe.delayedAfter}`,
    ],
    [
      'ReconcileScheduler.reconcile() after the wipe',
      `${sec(r.reconcile1.ms)} s`,
      `follow-up part ${sec(r.reconcile1.followUpMs)} s (database pages ${sec(r.reconcile1.dbMs)} s, Redis HMGET + addBulk ` +
        `${sec(r.reconcile1.redisMs)} s; CPU: Node ${sec(r.reconcile1.nodeCpuMs)} s, redis-server ${sec(r.reconcile1.redisCpuMs)} s, ` +
        `database ${sec(r.reconcile1.dbCpuMs)} s); ` +
        `${fmtInt(r.reconcile1.checkpoints)} checkpoints re-scheduled ⇒ ${rate(jobs, r.reconcile1.followUpMs)} ` +
        `jobs/s; delayed ${fmtInt(r.reconcile1.delayed)} ${r.reconcile1.delayed === jobs ? '✓' : '✗'}; load average ` +
        `${r.reconcile1.load.before} → ${r.reconcile1.load.after}`,
    ],
    [
      'second ReconcileScheduler.reconcile() (nothing missing)',
      `${sec(r.reconcile2.ms)} s`,
      `follow-up part ${sec(r.reconcile2.followUpMs)} s (database pages ${sec(r.reconcile2.dbMs)} s, Redis HMGET ` +
        `${sec(r.reconcile2.redisMs)} s; CPU: Node ${sec(r.reconcile2.nodeCpuMs)} s, redis-server ${sec(r.reconcile2.redisCpuMs)} s, ` +
        `database ${sec(r.reconcile2.dbCpuMs)} s); ` +
        `${fmtInt(r.reconcile2.checkpoints)} checkpoints re-scheduled; delayed ${fmtInt(r.reconcile2.delayed)} ` +
        `${r.reconcile2.delayed === jobs ? '✓ (none added)' : '✗'}; load average ${r.reconcile2.load.before} → ${r.reconcile2.load.after}`,
    ],
  ];
  const main = ['| step | time | notes |', '|---|---:|---|', ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
  if (!r.experiments.length) return main;
  const base = (e: Experiment) => (e.name.includes('wipe') ? r.reconcile1.followUpMs : r.reconcile2.followUpMs);
  const exp = [
    '| variant (bench-side, follow-up part only) | time | vs FollowUpService.reconcile now | CPU Node / redis-server / database | ' +
      'checkpoints sent ' +
      'to addBulk | delayed after | load average before → after |',
    '|---|---:|---:|---:|---:|---:|---|',
    ...r.experiments.map(
      (e) =>
        `| ${e.name}: ${e.describe} | ${sec(e.ms)} s | ${sec(base(e))} s → ${(base(e) / e.ms).toFixed(1)}× | ${sec(e.nodeCpuMs)} / ` +
        `${sec(e.redisCpuMs)} / ${sec(e.dbCpuMs)} s | ${fmtInt(e.added)} | ${fmtInt(e.delayed)} ${e.delayed === jobs ? '✓' : '✗'} | ` +
        `${e.load.before} → ${e.load.after} |`,
    ),
  ].join('\n');
  return `${main}\n\n${exp}`;
}

function writeDocs(markdown: string, command: string, m: Machine, r: Results) {
  writeDocsSection(
    SECTION,
    [
      `Date: ${new Date().toISOString().slice(0, 10)}  `,
      `Machine: ${m.nproc} CPUs (nproc), ${m.cpu}, ${m.memGiB} GiB RAM; Node ${m.node}; PGlite ${m.pglite} (embedded, one session, in a ` +
        `child process); BullMQ ${m.bullmq}; Redis on 127.0.0.1  `,
      `Load average (1/5/15 min) before activation: ${r.load.before}; after the reconciles: ${r.load.after}; ${r.waitNote}  `,
      `Command: \`${command}\``,
      '',
      markdown,
      '',
      '- Path measured: `PlacementService.transition(admin, id, { to: "active" })` for each placement, one after another (the embedded ' +
        'database is a single session, so parallel requests queue behind each other anyway). That is the whole service call: visibility ' +
        'check, transaction (row lock, consent, vacancy, plan + 4 checkpoints, state, event), `FollowUpService.schedule` (one ' +
        `\`addBulk\` of ${r.jobsPerPlacement} delayed jobs after commit) and the response view. Default plan 14/28/60/90 days ⇒ ` +
        'every job is in the future.',
      '- ROLE=api: no queue consumers, so every job stays delayed and countable, and the reconcile watchdog (ROLE=worker/all only) does ' +
        'not re-add jobs during the measurement. Own QUEUE_PREFIX `sanka-bench-followup-<pid>`; the embedding model is loaded before the ' +
        'reconciles so its start-up is not timed.',
      '- "Redis restart": every key matching `<prefix>:follow-up:*` is deleted; `ReconcileScheduler.reconcile()` then walks the open ' +
        'checkpoints 1,000 at a time (keyset on id, up to 4 pages in flight), checks the one job each needs (due job while ' +
        'scheduled, overdue job once due) with one pipelined `HMGET` per job and re-adds the missing ones with `addBulk` in chunks of ' +
        '500 (deterministic job ids). The second run is the periodic reconcile (every ' +
        'RECONCILE_INTERVAL_SECONDS): nothing is missing, so it only reads.',
      '',
    ],
    log,
  );
}

// ---------------------------------------------------------------------------

async function main(onCleanUp: (step: () => Promise<void>) => void): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  const m = machine();
  log(`machine: ${m.nproc} CPUs (${m.cpu}), ${m.memGiB} GiB, Node ${m.node}; load average ${loadAvg()}`);
  const waitNote = opts.wait ? await waitForOtherBenchmarks('bench-followup', log) : 'did not check for other benchmarks (--no-wait)';
  log(waitNote);

  const prefix = `sanka-bench-followup-${process.pid}`;
  const config = loadConfig({ ...process.env, DEMO_DATA: 'false', ROLE: 'api', QUEUE_PREFIX: prefix, LOG_LEVEL: 'warn' });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sanka-bench-followup-'));
  const redis = new Redis({ ...redisConnection(config.redisUrl), maxRetriesPerRequest: 3 });
  onCleanUp(async () => {
    const n = await deleteKeys(redis, `${prefix}:*`).finally(() => redis.disconnect());
    log(`cleaned up: ${tmp}, ${fmtInt(n)} Redis keys under ${prefix}:`);
  });
  onCleanUp(async () => fs.rmSync(tmp, { recursive: true, force: true }));
  const db = await startEmbeddedPostgres(tmp, { sharedBuffers: config.embeddedDbSharedBuffers });
  onCleanUp(() => db.stop());
  await prepareDatabase(db.url);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, db.url), { logger: ['error', 'warn'] });
  onCleanUp(() => app.close());
  const results = await run(app, config, opts, redis, waitNote);
  const markdown = table(results);
  console.log(`\n${markdown}\n`);
  const command = `npm run bench:followup${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  if (opts.docs) writeDocs(markdown, command, m, results);
}

runBench(main);
