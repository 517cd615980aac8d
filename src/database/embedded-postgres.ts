import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { projectRoot } from '../common/project-root';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 120_000;
const RESTART_DELAY_MS = 1_000;

/**
 * Starts the embedded PostgreSQL in a child process (PGlite runs on its own core
 * and never blocks the API's event loop) and resolves with its connection URL.
 * If the child dies, it is restarted on the same port: the pool reconnects and
 * /health reports the database as down meanwhile. The child exits with this process.
 */
export interface EmbeddedPostgresOptions {
  port?: number;
  log?: (msg: string) => void;
  /** PostgreSQL's shared_buffers, e.g. '1GB' (AppConfig.embeddedDbSharedBuffers); sized from the data and the machine when unset. */
  sharedBuffers?: string;
}

const MB = 1024 * 1024;

/**
 * Default shared_buffers of the embedded database: min(1GB, 25 % of RAM, max(128MB, 2 × the data)).
 * PGlite takes shared_buffers in full when it starts, so a fixed 1GB made the service hold ~1.3 GB for a
 * catalogue of ~70 MB; searches stay fast while the tables and indexes fit (docs/benchmarks.md), and
 * twice the data leaves room to grow until the next start. 1GB is PGlite's ceiling (2GB is refused).
 */
export function defaultSharedBuffers(dataBytes: number, totalMemoryBytes: number = os.totalmem()): string {
  const mb = Math.min(1024, Math.floor((0.25 * totalMemoryBytes) / MB), Math.max(128, Math.ceil((2 * dataBytes) / MB)));
  return `${Math.max(32, mb)}MB`;
}

/** Bytes of table and index files under a PGlite data directory (its `base` folder); 0 when there is none yet. */
export function embeddedDataBytes(dataDir: string): number {
  const walk = (dir: string): number => {
    let total = 0;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      total += entry.isDirectory() ? walk(full) : entry.isFile() ? fs.statSync(full).size : 0;
    }
    return total;
  };
  const base = path.join(dataDir, 'pgdata', 'base');
  return fs.existsSync(base) ? walk(base) : 0;
}

export async function startEmbeddedPostgres(dataDir: string, options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  const { port = 0, log = () => undefined } = options;
  // Sized once per start: after a large first import, a restart (or EMBEDDED_DB_SHARED_BUFFERS) gives it room.
  const sharedBuffers = options.sharedBuffers ?? defaultSharedBuffers(embeddedDataBytes(dataDir));
  // Always the compiled server, also when this module runs from TypeScript (tests, benches).
  const script = path.join(projectRoot(), 'dist', 'src', 'database', 'embedded-postgres.server.js');
  if (!fs.existsSync(script)) {
    throw new Error(`embedded PostgreSQL server script not found at ${script}: run "npm run build" first`);
  }
  let stopping = false;
  let child: ChildProcess;
  const spawn = async (onPort: number): Promise<number> => {
    child = fork(script, [dataDir, String(onPort), sharedBuffers], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const actualPort = await waitForReady(child);
    child.once('exit', (code, signal) => {
      if (stopping) return;
      log(`embedded PostgreSQL exited (code ${code}, signal ${signal}); restarting on port ${actualPort}`);
      setTimeout(
        () => spawn(actualPort).catch((err) => log(`embedded PostgreSQL restart failed: ${String(err)}`)),
        RESTART_DELAY_MS,
      ).unref();
    });
    return actualPort;
  };
  const actualPort = await spawn(port);
  // Lets `npm run backup` reach the running service's database instead of opening the data directory twice.
  const portFile = embeddedPortFile(dataDir);
  fs.writeFileSync(portFile, JSON.stringify({ pid: process.pid, port: actualPort }), { mode: 0o600 });
  return {
    url: `postgres://postgres@127.0.0.1:${actualPort}/postgres`,
    stop: () => {
      stopping = true;
      fs.rmSync(portFile, { force: true });
      return stopChild(child);
    },
  };
}

/** Written while a process serves the embedded database of dataDir: {pid, port}. */
export function embeddedPortFile(dataDir: string): string {
  return path.join(dataDir, 'embedded-postgres.json');
}

/** The URL of the embedded database another live process serves from dataDir, or null. */
export function runningEmbeddedUrl(dataDir: string): string | null {
  try {
    const { pid, port } = JSON.parse(fs.readFileSync(embeddedPortFile(dataDir), 'utf8')) as { pid: number; port: number };
    process.kill(pid, 0); // throws when no such process
    return pid === process.pid ? null : `postgres://postgres@127.0.0.1:${port}/postgres`;
  } catch {
    return null;
  }
}

function waitForReady(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('embedded PostgreSQL did not start within 120 s')), START_TIMEOUT_MS);
    child.once('message', (message: { ready: boolean; port?: number; error?: string }) => {
      clearTimeout(timer);
      if (message.ready && message.port) resolve(message.port);
      else reject(new Error(`embedded PostgreSQL failed to start: ${message.error ?? 'unknown error'}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`embedded PostgreSQL exited with code ${code} (is another process using the same DATA_DIR?)`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
