import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const root = path.resolve(__dirname, '..', '..', '..');
/** The service's ADMIN_TOKEN in browser tests: seeds users and records through the API, never through the database. */
export const BROWSER_ADMIN_TOKEN = 'browser-admin-token-0123456789';

export interface RunningService {
  baseUrl: string;
  child: ChildProcess;
  dataDir: string;
  queuePrefix: string;
  logFile: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The built service as `npm start` runs it (node dist/src/main.js): its own embedded database in a
 * fresh folder, the real Redis under a queue prefix of its own, and web/dist served at `/`.
 */
export async function startService(): Promise<RunningService> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanka-browser-'));
  const queuePrefix = `sanka-browser-${process.pid}`;
  const logFile = path.join(dataDir, 'service.log');
  const log = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, [path.join(root, 'dist', 'src', 'main.js')], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: '',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      DEMO_DATA: 'false',
      QUEUE_PREFIX: queuePrefix,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      EMBEDDED_DB_SHARED_BUFFERS: '64MB',
      ADMIN_TOKEN: BROWSER_ADMIN_TOKEN,
      // SANKA_BROWSER_LOG_LEVEL=info and SANKA_BROWSER_LOG_COPY=<file> keep a run's request log for review
      // (for instance to check that nothing typed into a form reaches the log).
      LOG_LEVEL: process.env.SANKA_BROWSER_LOG_LEVEL ?? 'warn',
      RECONCILE_INTERVAL_SECONDS: '3600',
    },
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    const status = await fetch(`${baseUrl}/health`)
      .then((r) => r.status)
      .catch(() => 0);
    if (status === 200) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the service did not become healthy:\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return { baseUrl, child, dataDir, queuePrefix, logFile };
}

export async function stopService(service: RunningService): Promise<void> {
  const { child } = service;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
  if (process.env.SANKA_BROWSER_LOG_COPY) fs.copyFileSync(service.logFile, process.env.SANKA_BROWSER_LOG_COPY);
  fs.rmSync(service.dataDir, { recursive: true, force: true });
}
