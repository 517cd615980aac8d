/**
 * `npm run bench:import [-- --rows 10000 --no-docs]`
 *
 * The import of a 社協's list at 10,000 rows, on the embedded PostgreSQL the service runs on, through the real
 * app over loopback HTTP: upload an .xlsx (messy values as people type them), wait for the preview, commit,
 * while another client searches the catalogue (GET /api/v1/resources?q=…) the whole time. Reports the time of
 * each step, the commit's transaction, the process's peak memory and the search latency during each step, and
 * writes them to docs/benchmarks.md. Everything it starts (app, database, temp dir, Redis keys under its own
 * QUEUE_PREFIX) is removed at the end.
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
import ExcelJS from 'exceljs';
import Redis from 'ioredis';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/app.setup';
import { TEMPLATE_HEADERS } from '../src/catalogue-import/import.columns';
import { loadConfig } from '../src/config/app-config';
import { prepareDatabase } from '../src/database/data-source';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { deleteKeys, loadAvg, logger, machine, ms, percentile, runBench, sec, writeDocsSection } from './bench-support';

const log = logger('bench-import');

/** The list; `edited`: every description changed (a re-import where every row is an update). */
async function listFile(rows: number, edited = false): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('社会資源リスト');
  sheet.addRow(['架空の市 社会資源リスト（令和7年4月1日現在）']);
  sheet.addRow(TEMPLATE_HEADERS);
  const days = ['毎週火・木 10時～12時', '第2・第4土曜 13:30-15:00', '月・水・金 １０：００〜１２：００', '平日午前', '月2回'];
  const kinds = ['NPO法人', '社会福祉法人', '株式会社', '自治会', '任意団体', '協同組合（JA・生協）'];
  for (let i = 1; i <= rows; i++) {
    sheet.addRow([
      `B-${i}`,
      `${kinds[i % kinds.length]}ベンチ団体${Math.ceil(i / 4)}`,
      kinds[i % kinds.length],
      ['居場所', '就労体験', 'ボランティア'][i % 3],
      `ベンチ活動${i}`,
      `架空の活動 ${i}。少人数で、見学のあとに体験できます。草取りや袋詰めなどの軽作業です。${edited ? '（改訂）' : ''}`,
      '草取り、袋詰め',
      ['中央', '北部', '南部', '東部', '西部'][i % 5],
      `架空市中央${i}`,
      'ベンチ駅',
      `徒歩${i % 20}分`,
      days[i % days.length],
      '',
      ['3名', '２～３名', '5', '10人'][i % 4],
      '1',
      ['無償', '謝礼', '交通費のみ', '有償'][i % 4],
      '見学可、少人数',
      '少ない',
      '普通',
      '少ない',
      '可',
      '受付中',
      '',
      `０３ー${String(1000 + (i % 9000)).slice(-4)}ー５６７８`,
      '',
    ]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function main(onCleanUp: (step: () => Promise<void>) => void): Promise<void> {
  const args = process.argv.slice(2);
  const rows = Number(args[args.indexOf('--rows') + 1]) || 10_000;
  const m = machine();
  log(`machine: ${m.nproc} CPUs (${m.cpu}), ${m.memGiB} GiB, Node ${m.node}; load average ${loadAvg()}`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sanka-bench-import-'));
  onCleanUp(async () => fs.rmSync(tmp, { recursive: true, force: true }));
  const prefix = `bench-import-${randomBytes(4).toString('hex')}`;
  const adminToken = randomBytes(24).toString('hex');
  const base = loadConfig(process.env);
  const db = await startEmbeddedPostgres(tmp, { sharedBuffers: base.embeddedDbSharedBuffers });
  onCleanUp(() => db.stop());
  await prepareDatabase(db.url);
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: db.url,
    DATA_DIR: tmp,
    QUEUE_PREFIX: prefix,
    ADMIN_TOKEN: adminToken,
    DEMO_DATA: 'false',
    BACKUP_CRON: 'off',
    RATE_LIMIT_PER_MINUTE: '1000000',
  });
  const redis = new Redis(config.redisUrl);
  onCleanUp(async () => {
    await deleteKeys(redis, `${prefix}:*`);
    redis.disconnect();
  });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, db.url), { bodyParser: false, logger: false });
  configureApp(app, config);
  await app.listen(0, '127.0.0.1');
  onCleanUp(() => app.close());
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const auth = { Authorization: `Bearer ${adminToken}` };

  const file = await listFile(rows);
  log(`list: ${rows} rows, ${(file.length / 2 ** 20).toFixed(1)} MiB xlsx`);
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 50);

  // The other client: searches the catalogue back to back during the whole import.
  let phase = 'idle';
  const latencies: Record<string, number[]> = {};
  let searching = true;
  const searcher = (async () => {
    while (searching) {
      const t0 = performance.now();
      const res = await fetch(`${url}/api/v1/resources?q=${encodeURIComponent('活動')}&limit=20`, { headers: auth });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`search answered ${res.status}`);
      (latencies[phase] ??= []).push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();

  const waitStatus = async (id: string, done: string[]) => {
    for (;;) {
      const body = await (await fetch(`${url}/api/v1/imports/${id}`, { headers: auth })).json();
      if (done.includes(body.status)) return body;
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  await new Promise((r) => setTimeout(r, 1000));
  phase = 'upload + parse + preview';
  const t0 = performance.now();
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), 'list.xlsx');
  const started = await fetch(`${url}/api/v1/imports`, { method: 'POST', headers: auth, body: form });
  const uploadMs = performance.now() - t0;
  const { id } = await started.json();
  const preview = await waitStatus(id, ['previewed', 'failed']);
  const previewMs = performance.now() - t0;
  if (preview.status !== 'previewed') throw new Error(`preview failed: ${preview.error}`);
  phase = 'commit';
  const t1 = performance.now();
  await fetch(`${url}/api/v1/imports/${id}/commit`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({ mode: 'valid_only' }),
  });
  const committed = await waitStatus(id, ['committed', 'failed']);
  const commitMs = performance.now() - t1;
  // --reimport: the same list edited (every row an update: the live-field rule, the changes per row, the update SQL).
  let reimport: { previewMs: number; commitMs: number; summary: Record<string, number>; transactionMs: unknown } | null = null;
  if (args.includes('--reimport')) {
    phase = 're-import preview';
    const t2 = performance.now();
    const again = new FormData();
    again.append('file', new Blob([new Uint8Array(await listFile(rows, true))]), 'list.xlsx');
    const { id: againId } = await (await fetch(`${url}/api/v1/imports`, { method: 'POST', headers: auth, body: again })).json();
    const previewed = await waitStatus(againId, ['previewed', 'failed']);
    const reimportPreviewMs = performance.now() - t2;
    phase = 're-import commit';
    const t3 = performance.now();
    await fetch(`${url}/api/v1/imports/${againId}/commit`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ mode: 'valid_only' }),
    });
    const done = await waitStatus(againId, ['committed', 'failed']);
    reimport = {
      previewMs: reimportPreviewMs,
      commitMs: performance.now() - t3,
      summary: previewed.summary,
      transactionMs: done.details?.commitTransactionMs ?? '?',
    };
    log(`re-import: preview ${sec(reimport.previewMs)} s (${JSON.stringify(previewed.summary)}), commit ${sec(reimport.commitMs)} s`);
  }
  phase = 'after';
  await new Promise((r) => setTimeout(r, 1000));
  searching = false;
  await searcher;
  clearInterval(sampler);

  const stats = (xs: number[] = []) => `${xs.length} | ${ms(percentile(xs, 50))} | ${ms(percentile(xs, 95))} | ${ms(Math.max(...xs))}`;
  const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
  const machineLine = `Machine: ${m.nproc} CPUs (${m.cpu}), ${m.memGiB} GiB RAM; Node ${m.node}; PGlite ${m.pglite} (embedded)`;
  const transactionMs = committed.details?.commitTransactionMs ?? '?';
  const lines = [
    `Date: ${new Date().toISOString().slice(0, 10)}  `,
    `${machineLine}; load average ${loadAvg()}  `,
    `Command: \`npm run bench:import -- --rows ${rows}\` (app, worker and database in one process tree, as \`ROLE=all\`)`,
    '',
    `List: ${rows.toLocaleString('en-US')} rows, .xlsx of ${(file.length / 2 ** 20).toFixed(1)} MiB, title line above the header, ` +
      'messy values (全角 digits, 「第2・第4土曜」, 「２～３名」, 「平日午前」, phone numbers with 全角 hyphens).',
    '',
    '| step | time | notes |',
    '|---|---:|---|',
    `| upload (POST /api/v1/imports → 202) | ${ms(uploadMs)} ms | the file is stored; parsing runs as a job |`,
    `| upload → preview ready (status previewed) | ${sec(previewMs)} s | ` +
      `${preview.summary.create} create, ${preview.summary.refused} refused, ${preview.summary.warnings} cell warnings |`,
    `| commit (POST …/commit → status committed) | ${sec(commitMs)} s | of which the one transaction: ${transactionMs} ms |`,
    ...(reimport
      ? [
          `| re-import, every row edited: upload → preview | ${sec(reimport.previewMs)} s | ${reimport.summary.update} update |`,
          `| re-import commit | ${sec(reimport.commitMs)} s | of which the one transaction: ${reimport.transactionMs} ms |`,
        ]
      : []),
    `| peak RSS of the process (app + worker) | ${mib(rssPeak - rssBefore)} MiB above the ${mib(rssBefore)} MiB before | ` +
      'sampled every 50 ms; the database runs in its own child process |',
    '',
    'Searches by another client during the import (GET /api/v1/resources?q=活動&limit=20, back to back):',
    '',
    '| phase | searches | p50 ms | p95 ms | max ms |',
    '|---|---:|---:|---:|---:|',
    ...['idle', 'upload + parse + preview', 'commit', ...(reimport ? ['re-import preview', 're-import commit'] : []), 'after'].map(
      (p) => `| ${p} | ${stats(latencies[p])} |`,
    ),
    '',
    'Embeddings of the new resources follow in one `embed-pending` job (batches of EMBEDDING_BATCH_SIZE), not measured here.',
  ];
  console.log(lines.join('\n'));
  if (!args.includes('--no-docs')) writeDocsSection('## Catalogue import (npm run bench:import)', lines, log);
}

runBench(main);
