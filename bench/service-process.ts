/**
 * The service as `npm start` runs it (`node dist/src/main.js`: embedded PostgreSQL, model process, BullMQ) started by a
 * bench on a loopback port, and the resident memory of its process tree from /proc (Linux only).
 * Used by bench:embedding and bench:memory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import Redis from 'ioredis';
import { projectRoot } from '../src/common/project-root';
import { deleteKeys } from './bench-support';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Resident memory (kB) of a process and all its descendants, from /proc; `parts` by the script each runs. */
export function treeRss(root: number): { total: number; parts: Record<string, number> } {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  const names = new Map<number, string>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(entry);
      const ppid = Number(fields[1]);
      rss.set(pid, (Number(fields[21]) * 4096) / 1024);
      const args = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      names.set(pid, path.basename(args[1] ?? args[0] ?? '?').replace(/\.(m?js)$/, ''));
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {
      // the process ended while we read
    }
  }
  let total = 0;
  const parts: Record<string, number> = {};
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    total += rss.get(pid) ?? 0;
    const name = names.get(pid) ?? '?';
    parts[name] = (parts[name] ?? 0) + (rss.get(pid) ?? 0);
    stack.push(...(children.get(pid) ?? []));
  }
  return { total, parts };
}
export const treeRssKb = (root: number) => treeRss(root).total;
export const rssParts = (root: number) =>
  Object.entries(treeRss(root).parts)
    .map(([name, kb]) => `${name} ${Math.round(kb / 1024)}`)
    .join(', ');

export interface Service {
  child: ChildProcess;
  base: string;
  stop(): Promise<void>;
}

export async function startService(env: NodeJS.ProcessEnv, port: number): Promise<Service> {
  const child = spawn(process.execPath, [path.join(projectRoot(), 'dist', 'src', 'main.js')], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the service exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${base}/health`);
      if (res.ok && ((await res.json()) as { status: string }).status === 'ok') break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the service did not become healthy within 300 s');
    await new Promise((r) => setTimeout(r, 500));
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { child, base, stop };
}

/** The environment of a bench's own service: its data dir, loopback port, admin token and queue prefix, no demo data,
 *  no backups, no rate limit, the local model unless EMBEDDING_MODEL says otherwise. */
export function serviceEnv(o: {
  dataDir: string;
  port: number;
  adminToken: string;
  queuePrefix: string;
  logLevel?: string;
}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATA_DIR: o.dataDir,
    PORT: String(o.port),
    HOST: '127.0.0.1',
    ADMIN_TOKEN: o.adminToken,
    DEMO_DATA: 'false',
    QUEUE_PREFIX: o.queuePrefix,
    EMBEDDING_MODEL: process.env.EMBEDDING_MODEL ?? 'sanka-ja-static-v1',
    LOG_LEVEL: o.logLevel ?? process.env.LOG_LEVEL ?? 'warn',
    RATE_LIMIT_PER_MINUTE: '1000000',
    BACKUP_CRON: 'off',
  };
}

/** Deletes the Redis keys of a bench's queue prefix; returns how many. */
export async function removeQueueKeys(env: NodeJS.ProcessEnv, queuePrefix: string): Promise<number> {
  const redis = new Redis(env.REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    return await deleteKeys(redis, `${queuePrefix}:*`);
  } finally {
    redis.disconnect();
  }
}
