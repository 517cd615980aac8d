/**
 * `npm run bench:memory -- --data-dir <catalogue> [--searches 200] [--shared-buffers default,64MB]`
 *
 * Resident memory of the service tree (service, embedded database, model process) on a given catalogue, and what a
 * smaller embedded shared_buffers costs the searches (issue #19 item 5):
 *   for each shared_buffers setting ("default" = the service's own sizing, else EMBEDDED_DB_SHARED_BUFFERS):
 *   1. copies the catalogue's data directory (a bench:load `--data-dir`, built by the same code) to a temp dir;
 *   2. starts `node dist/src/main.js` on it (ROLE=all, own QUEUE_PREFIX, loopback port), waits for /health and 5 s;
 *   3. RSS of each process of the tree; then S searches over HTTP one at a time (the first 10 warm up), p50 / p95;
 *   4. RSS again, stops the service and removes the copy.
 * Prints a markdown table for docs/benchmarks.md. Runs the settings one after another, never two services at once.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadAvg, logger, machine, percentile, runBench } from './bench-support';
import { freePort, removeQueueKeys, rssParts, serviceEnv, startService, treeRssKb } from './service-process';
import { needsTexts } from './synthetic-catalogue';

const log = logger('bench-memory');
const USAGE = 'options: --data-dir DIR (a bench:load catalogue) [--searches S (20–2000)] [--shared-buffers default,64MB,…]';
const WARM_UP = 10;

interface Options {
  dataDir: string;
  searches: number;
  settings: string[];
}

function parseOptions(argv: string[]): Options {
  const opts: Partial<Options> = { searches: 200, settings: ['default', '64MB'] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--data-dir') opts.dataDir = path.resolve(argv[++i] ?? '');
    else if (a === '--searches') opts.searches = Number(argv[++i]);
    else if (a === '--shared-buffers') opts.settings = (argv[++i] ?? '').split(',').filter(Boolean);
    else throw new Error(USAGE);
  }
  if (!opts.dataDir || !fs.existsSync(path.join(opts.dataDir, 'pgdata'))) throw new Error(`--data-dir: no pgdata there. ${USAGE}`);
  if (!Number.isInteger(opts.searches) || opts.searches! < 20 || opts.searches! > 2000) throw new Error(USAGE);
  if (!opts.settings!.every((s) => s === 'default' || /^\d+MB$/.test(s))) throw new Error(`--shared-buffers: default or NNMB. ${USAGE}`);
  return opts as Options;
}

interface Row {
  setting: string;
  started: string;
  startedKb: number;
  after: string;
  afterKb: number;
  p50: number;
  p95: number;
}

async function measure(opts: Options, setting: string, onCleanUp: (step: () => Promise<void>) => void): Promise<Row> {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'sanka-bench-memory-'));
  onCleanUp(async () => fs.rmSync(copy, { recursive: true, force: true }));
  fs.cpSync(opts.dataDir, copy, { recursive: true });
  const prefix = `sanka-bench-memory-${process.pid}-${randomBytes(3).toString('hex')}`;
  const token = `bench-admin-${randomBytes(12).toString('hex')}`;
  const port = await freePort();
  const env = serviceEnv({ dataDir: copy, port, adminToken: token, queuePrefix: prefix, logLevel: 'warn' });
  if (setting === 'default') delete env.EMBEDDED_DB_SHARED_BUFFERS;
  else env.EMBEDDED_DB_SHARED_BUFFERS = setting;
  onCleanUp(async () => {
    await removeQueueKeys(env, prefix);
  });
  log(`${setting}: starting the service on a copy of ${opts.dataDir}`);
  const service = await startService(env, port);
  try {
    await new Promise((r) => setTimeout(r, 5_000));
    const pid = service.child.pid!;
    const startedKb = treeRssKb(pid);
    const started = rssParts(pid);
    const times: number[] = [];
    for (const [i, needs] of needsTexts(opts.searches + WARM_UP).entries()) {
      const t0 = performance.now();
      const res = await fetch(`${service.base}/api/v1/matches/search`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ needs, limit: 10 }),
      });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`search → ${res.status}`);
      if (i >= WARM_UP) times.push(performance.now() - t0);
    }
    const row = {
      setting,
      started,
      startedKb,
      after: rssParts(pid),
      afterKb: treeRssKb(pid),
      p50: percentile(times, 50),
      p95: percentile(times, 95),
    };
    log(
      `${setting}: tree ${Math.round(row.afterKb / 1024)} MB after ${opts.searches} searches (${row.after}); ` +
        `p50 ${row.p50.toFixed(0)} ms, p95 ${row.p95.toFixed(0)} ms`,
    );
    return row;
  } finally {
    await service.stop();
  }
}

runBench(async (onCleanUp) => {
  const opts = parseOptions(process.argv.slice(2));
  const m = machine();
  const before = loadAvg();
  const rows: Row[] = [];
  for (const setting of opts.settings) rows.push(await measure(opts, setting, onCleanUp));
  const mb = (kb: number) => Math.round(kb / 1024).toLocaleString('en-US');
  console.log(
    [
      '',
      `Command: \`npm run bench:memory -- --data-dir <catalogue> --searches ${opts.searches} ` +
        `--shared-buffers ${opts.settings.join(',')}\`  `,
      `Machine: ${m.nproc} CPUs, ${m.cpu}, ${m.memGiB} GiB; Node ${m.node}; load average before ${before}, after ${loadAvg()}`,
      '',
      `| shared_buffers | tree after start (MB) | tree after ${opts.searches} searches (MB) | processes after (MB) | ` +
        'search p50 / p95 (ms) |',
      '|---|---:|---:|---|---:|',
      ...rows.map(
        (r) => `| ${r.setting} | ${mb(r.startedKb)} | ${mb(r.afterKb)} | ${r.after} | ${r.p50.toFixed(0)} / ${r.p95.toFixed(0)} |`,
      ),
      '',
    ].join('\n'),
  );
});
