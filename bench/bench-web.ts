/// <reference lib="dom" />
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { projectRoot } from '../src/common/project-root';
import { loadAvg, logger, machine, median, ms, runBench, writeDocsSection } from './bench-support';

/**
 * `npm run bench:web`: first load of the web app's ホーム (`/`) on loopback in Debian's Chromium,
 * served by the built service: cold (empty browser cache) and warm (reload, hashed assets cached).
 * Until the accounts routes land a signed-out visit to `/` ends on ログイン (same bundle, fonts, CSS).
 */
const RUNS = 7;
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const log = logger('bench:web');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface Load {
  visibleMs: number;
  dclMs: number;
  loadMs: number;
  requests: number;
  kB: number;
}

runBench(async (onCleanUp) => {
  const root = projectRoot();
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanka-bench-web-'));
  onCleanUp(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const child = spawn(process.execPath, [path.join(root, 'dist', 'src', 'main.js')], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: '',
      PORT: String(port),
      DATA_DIR: dataDir,
      DEMO_DATA: 'false',
      QUEUE_PREFIX: 'sanka-bench-web',
      EMBEDDED_DB_SHARED_BUFFERS: '64MB',
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  onCleanUp(async () => {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  });
  const base = `http://127.0.0.1:${port}`;
  for (
    let i = 0;
    (await fetch(`${base}/health`)
      .then((r) => r.status)
      .catch(() => 0)) !== 200;
    i++
  ) {
    if (i > 600 || child.exitCode !== null) throw new Error('the service did not become healthy');
    await new Promise((r) => setTimeout(r, 300));
  }
  log(`service ready at ${base}`);

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: FLAGS });
  onCleanUp(() => browser.close());
  const measure = async (page: import('playwright-core').Page, go: () => Promise<unknown>): Promise<Load> => {
    const started = Date.now();
    await go();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.evaluate(() => document.fonts.ready);
    const visibleMs = Date.now() - started;
    await page.waitForLoadState('load');
    const t = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      return {
        dcl: nav.domContentLoadedEventEnd,
        load: nav.loadEventEnd,
        requests: resources.length + 1,
        bytes: nav.transferSize + resources.reduce((s, r) => s + r.transferSize, 0),
      };
    });
    return { visibleMs, dclMs: t.dcl, loadMs: t.load, requests: t.requests, kB: t.bytes / 1000 };
  };

  const cold: Load[] = [];
  const warm: Load[] = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    const page = await context.newPage();
    cold.push(await measure(page, () => page.goto(`${base}/`)));
    warm.push(await measure(page, () => page.reload()));
    await context.close();
  }
  const row = (name: string, xs: Load[]) =>
    `| ${name} | ${ms(median(xs.map((x) => x.visibleMs)))} | ${ms(median(xs.map((x) => x.dclMs)))} | ` +
    `${ms(median(xs.map((x) => x.loadMs)))} | ` +
    `${median(xs.map((x) => x.requests))} | ${Math.round(median(xs.map((x) => x.kB)))} |`;
  const m = machine();
  const lines = [
    `Date: ${new Date().toISOString().slice(0, 10)}  `,
    `Machine: ${m.nproc} CPUs (nproc), ${m.cpu}, ${m.memGiB} GiB RAM; Node ${m.node}; ` +
      `Chromium ${browser.version()} (Debian, headless) on loopback  `,
    `Load average (1/5/15 min) after the runs: ${loadAvg()}  `,
    'Command: `npm run bench:web` (web/dist as built by `npm start`; medians of ' + RUNS + ' runs, each in a new browser context)',
    '',
    '| load of `/` | h1 shown, fonts ready (ms) | DOMContentLoaded (ms) | load (ms) | requests | transferred (kB) |',
    '|---|---:|---:|---:|---:|---:|',
    row('cold (empty cache)', cold),
    row('warm (reload; hashed assets from cache)', warm),
    '',
    '- Signed out, `/` shows ログイン after the session check (GET /api/v1/session): the same bundle, CSS and fonts as ホーム.',
    '  Re-measure ホーム signed in once the accounts routes exist.',
    '- Fonts: Noto Sans JP is split by unicode-range into many small subsets; the browser fetches only those the page uses.',
    '- The service sends static files uncompressed (no compression middleware yet); JS is ~150 kB gzipped (npm run check:bundle).',
    "- Other helpers' builds and tests shared the 2 CPUs during the run when the load average is high.",
  ];
  log(lines.join('\n'));
  writeDocsSection('## Web app first load (npm run bench:web)', lines, log);
});
