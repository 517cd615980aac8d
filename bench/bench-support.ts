/**
 * What every benchmark script shares: statistics, number formatting, the machine description,
 * waiting for other benchmarks (two cores: concurrent runs pollute each other's numbers),
 * Redis key clean-up and writing one section of docs/benchmarks.md.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type Redis from 'ioredis';
import { projectRoot } from '../src/common/project-root';

export function percentile(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
export const median = (xs: number[]) => percentile(xs, 50);
export const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(xs.length, 1);

export const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
/** Milliseconds with a sensible number of digits. */
export const ms = (x: number) => (!Number.isFinite(x) ? '–' : x < 10 ? x.toFixed(1) : Math.round(x).toString());
export const sec = (x: number) => (x / 1000).toFixed(2);
export const loadAvg = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ');

export function logger(name: string): (msg: string) => void {
  return (msg) => process.stdout.write(`[${name} ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}

export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

function packageVersion(pkg: string): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(projectRoot(), 'node_modules', pkg, 'package.json'), 'utf8')).version as string;
  } catch {
    return '?';
  }
}

export function machine() {
  const cpu = /model name\s*:\s*(.+)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  let nproc = String(os.cpus().length);
  try {
    nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
  } catch {
    // keep os.cpus()
  }
  return {
    nproc,
    cpu,
    memGiB: (os.totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    pglite: packageVersion('@electric-sql/pglite'),
    pglitePgvector: packageVersion('@electric-sql/pglite-pgvector'),
    transformers: packageVersion('@xenova/transformers'),
    bullmq: packageVersion('bullmq'),
  };
}
export type Machine = ReturnType<typeof machine>;

const BENCH_PROCESSES = 'bench-search|bench-followup|bench-reports|eval-matching';

/** Other benchmarks running now (pgrep without a shell, so the pattern does not match a shell running us). */
function otherBenchmarks(self: string): string[] {
  try {
    return execFileSync('pgrep', ['-fa', BENCH_PROCESSES], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.trim() && !l.includes(self) && !l.startsWith(`${process.pid} `));
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

/** Polls every 30 s, up to 20 minutes; returns a note on what it found, for the docs. */
export async function waitForOtherBenchmarks(self: string, log: (msg: string) => void): Promise<string> {
  const started = Date.now();
  for (;;) {
    const others = otherBenchmarks(self);
    const waited = Math.round((Date.now() - started) / 1000);
    if (!others.length) return waited ? `waited ${waited} s for other benchmarks to finish` : 'no other benchmark running';
    if (Date.now() - started > 20 * 60_000) {
      log(`other benchmarks still running after 20 minutes, measuring anyway: ${others.join('; ')}`);
      return `other benchmarks still running after 20 min of waiting (numbers may be polluted): ${others.join('; ')}`;
    }
    log(`waiting for other benchmarks to finish: ${others.join('; ')}`);
    await new Promise((r) => setTimeout(r, 30_000));
  }
}

export async function scanKeys(redis: Redis, pattern: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 5_000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  return keys;
}

export async function deleteKeys(redis: Redis, pattern: string): Promise<number> {
  const keys = await scanKeys(redis, pattern);
  for (let i = 0; i < keys.length; i += 1_000) await redis.unlink(...keys.slice(i, i + 1_000));
  return keys.length;
}

/**
 * Replaces (or appends) the section that starts with `heading` in docs/benchmarks.md. The file
 * is re-read right before writing, since each benchmark owns only its own section.
 */
export function writeDocsSection(heading: string, lines: string[], log: (msg: string) => void): void {
  const file = path.join(projectRoot(), 'docs', 'benchmarks.md');
  const section = [heading, '', ...lines, ''].join('\n');
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = existing.indexOf(heading);
  let next: string;
  if (start === -1) next = `${existing.trimEnd()}\n\n${section}`;
  else {
    const after = existing.indexOf('\n## ', start + heading.length);
    next = existing.slice(0, start) + section + (after === -1 ? '' : `\n${existing.slice(after + 1)}`);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, next.endsWith('\n') ? next : `${next}\n`);
  log(`wrote ${path.relative(process.cwd(), file) || file}`);
}

/**
 * Runs a benchmark's main. Clean-up steps (registered as resources are created) run once, in
 * reverse order, on success, on failure and on Ctrl-C, so no database, temp dir or Redis key
 * is left behind; then the process exits (model and database child processes keep it alive).
 */
export function runBench(main: (onCleanUp: (step: () => Promise<void>) => void) => Promise<void>): void {
  const steps: Array<() => Promise<void>> = [];
  let cleaning: Promise<void> | null = null;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      for (const step of steps.reverse()) await step().catch((err) => console.error('clean-up step failed:', err));
    })());
  const onSignal = () => {
    process.stdout.write('interrupted: cleaning up…\n');
    void cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  main((step) => steps.push(step)).then(
    () => cleanUp().finally(() => process.exit(0)),
    (err) => {
      console.error(err);
      void cleanUp().finally(() => process.exit(1));
    },
  );
}
