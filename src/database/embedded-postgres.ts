import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
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
  /** PostgreSQL's shared_buffers, e.g. '1GB' (AppConfig.embeddedDbSharedBuffers); PGlite's 128MB when unset. */
  sharedBuffers?: string;
}

export async function startEmbeddedPostgres(dataDir: string, options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  const { port = 0, log = () => undefined, sharedBuffers } = options;
  // Always the compiled server, also when this module runs from TypeScript (tests, benches).
  const script = path.join(projectRoot(), 'dist', 'src', 'database', 'embedded-postgres.server.js');
  if (!fs.existsSync(script)) {
    throw new Error(`embedded PostgreSQL server script not found at ${script}: run "npm run build" first`);
  }
  let stopping = false;
  let child: ChildProcess;
  const spawn = async (onPort: number): Promise<number> => {
    child = fork(script, [dataDir, String(onPort), ...(sharedBuffers ? [sharedBuffers] : [])], {
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
