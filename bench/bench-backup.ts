/**
 * `npm run bench:backup [-- --resources N --placements N]`: backup, verification and restore of the
 * embedded database at catalogue scale (default 10,000 resources with vectors, 100,000 placements),
 * and how long the API's queries wait meanwhile: a probe connection runs `SELECT 1` every 20 ms
 * during the backup; its longest wait is how long the API was blocked. Loopback only, bounded.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { createBackup, restoreBackup } from '../src/backup/backup';
import { loadConfig } from '../src/config/app-config';
import { prepareDatabase } from '../src/database/data-source';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { fmtInt, logger, machine, ms, percentile, runBench, sec, waitForOtherBenchmarks, writeDocsSection } from './bench-support';

const log = logger('bench-backup');

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}

async function generate(url: string, resources: number, placements: number): Promise<void> {
  const c = new Client({ connectionString: url });
  await c.connect();
  const participants = Math.max(1, Math.floor(placements / 5));
  const step = async (name: string, sql: string) => {
    const t = performance.now();
    await c.query(sql);
    log(`  ${name}: ${sec(performance.now() - t)} s`);
  };
  try {
    await c.query(`SELECT setseed(0.2026)`);
    // Growing the HNSW graph row by row is far slower than one build; the index itself is not in a backup (rebuilt at restore).
    await c.query(`DROP INDEX resources_embedding_idx`);
    await step(
      'organizations',
      `INSERT INTO organizations (name, kind, area) SELECT 'ベンチ法人' || g, 'npo', '中央'
        FROM generate_series(1, ${Math.max(1, resources / 20)}) g`,
    );
    await step(
      `resources (${fmtInt(resources)}, with vectors)`,
      `INSERT INTO resources (organization_id, type, title, description, area,
        capacity, vacancies, embedding, embedding_model, embedding_status, embedded_at)
       SELECT (SELECT id FROM organizations ORDER BY id OFFSET (g % ${Math.max(1, resources / 20)}) LIMIT 1), 'ibasho', 'ベンチ用の活動 ' || g,
              repeat('静かな場所で黙々とできる作業。見学歓迎、同行可。', 20), '中央', 5, 3, v.e, 'bench', 'ready', now()
         FROM generate_series(1, ${resources}) g
        CROSS JOIN LATERAL (SELECT array_agg(random()::real)::vector(384) AS e FROM generate_series(1, 384 + 0 * g)) v`,
    );
    await step(
      `participants (${fmtInt(participants)})`,
      `INSERT INTO participants (display_name, area, needs, referral_route, consent_status)
       SELECT 'ベンチ' || g || 'さん', '中央', '人と話すのは苦手だが、週1回から始めたい（ベンチ用）', 'family', 'obtained' FROM generate_series(1, ${participants}) g`,
    );
    await step(
      `placements (${fmtInt(placements)}) + events`,
      `WITH p AS (SELECT id, row_number() OVER () AS rn FROM participants), r AS (SELECT id, row_number() OVER () AS rn FROM resources)
       INSERT INTO placements (participant_id, resource_id, state, holds_vacancy, proposed_at, active_at)
       SELECT p.id, r.id, 'active', false, now() - interval '30 days', now() - interval '20 days'
         FROM generate_series(1, ${placements}) g
         JOIN p ON p.rn = 1 + g % ${participants} JOIN r ON r.rn = 1 + g % ${resources}`,
    );
    await step(
      'placement_events',
      `INSERT INTO placement_events (placement_id, from_state, to_state, actor_role, occurred_at)
        SELECT id, NULL, 'proposed', 'coordinator', proposed_at FROM placements`,
    );
    await step(
      'follow_up_plans + checkpoints (4 per placement)',
      `WITH f AS (INSERT INTO follow_up_plans (placement_id, sequence, starts_on, ends_on, length_days, checkpoint_days)
                  SELECT id, 1, current_date - 20, current_date + 70, 90, '{14,28,60,90}'
                    FROM placements RETURNING id, placement_id, starts_on)
       INSERT INTO follow_up_checkpoints (placement_id, plan_id, day_offset, due_on, due_at, overdue_at, is_final, status)
       SELECT f.placement_id, f.id, d, f.starts_on + d, (f.starts_on + d)::timestamptz, (f.starts_on + d + 7)::timestamptz, d = 90,
              CASE WHEN d = 14 THEN 'done' ELSE 'scheduled' END
         FROM f CROSS JOIN unnest('{14,28,60,90}'::int[]) d`,
    );
    await step(
      'audit_log (1 per placement)',
      `INSERT INTO audit_log (role, action, participant_id, fields, route)
        SELECT 'coordinator', 'read', participant_id, '{needs}', '/api/v1/participants/:id' FROM placements`,
    );
    await step(
      'HNSW index (one build)',
      `CREATE INDEX resources_embedding_idx ON resources USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64)`,
    );
    await step('ANALYZE', 'ANALYZE');
  } finally {
    await c.end();
  }
}

/** Runs `SELECT 1` every 20 ms on its own connection while `work` runs: the waits the API would see. */
async function probing<T>(url: string, work: () => Promise<T>): Promise<{ value: T; waits: number[] }> {
  const c = new Client({ connectionString: url });
  await c.connect();
  const waits: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const t = performance.now();
      await c.query('SELECT 1');
      waits.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  try {
    const value = await work();
    return { value, waits };
  } finally {
    running = false;
    await loop;
    await c.end();
  }
}

async function main(onCleanUp: (step: () => Promise<void>) => void): Promise<void> {
  const resources = arg('resources', 10_000);
  const placements = arg('placements', 100_000);
  const waited = await waitForOtherBenchmarks('bench-backup', log);
  const config = loadConfig(process.env);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sanka-bench-backup-'));
  onCleanUp(async () => fs.rmSync(tmp, { recursive: true, force: true }));
  const db = await startEmbeddedPostgres(path.join(tmp, 'source'), { sharedBuffers: config.embeddedDbSharedBuffers });
  onCleanUp(() => db.stop());
  await prepareDatabase(db.url);
  log(`generating ${fmtInt(resources)} resources and ${fmtInt(placements)} placements…`);
  await generate(db.url, resources, placements);

  const key = Buffer.alloc(32, 1);
  const runs: Array<{
    label: string;
    durationMs: number;
    lockedMs: number;
    sizeBytes: number;
    maxWait: number;
    p50Wait: number;
    probes: number;
    file: string;
    rows: number;
  }> = [];
  for (const [label, withKey] of [
    ['gzip', undefined],
    ['gzip + AES-256-GCM', key],
  ] as const) {
    const { value: r, waits } = await probing(db.url, () =>
      createBackup({
        databaseUrl: db.url,
        backupDir: path.join(tmp, 'backups'),
        keep: 10,
        key: withKey,
        reason: 'bench',
        source: 'embedded',
      }),
    );
    const rows = Object.values(r.rows).reduce((a, b) => a + b, 0);
    runs.push({
      label,
      durationMs: r.durationMs,
      lockedMs: r.lockedMs,
      sizeBytes: r.sizeBytes,
      maxWait: Math.max(...waits),
      p50Wait: percentile(waits, 50),
      probes: waits.length,
      file: r.file,
      rows,
    });
    log(
      `${label}: ${sec(r.durationMs)} s total, database held ${sec(r.lockedMs)} s` +
        `, longest probe wait ${ms(Math.max(...waits))} ms, ${(r.sizeBytes / 2 ** 20).toFixed(1)} MiB`,
    );
  }
  const target = await startEmbeddedPostgres(path.join(tmp, 'target'));
  onCleanUp(() => target.stop());
  const restore = await restoreBackup({ databaseUrl: target.url, file: runs[0].file });
  log(`restore: ${sec(restore.durationMs)} s`);

  const m = machine();
  writeDocsSection(
    '## Backup (bench:backup)',
    [
      `Command: \`npm run bench:backup -- --resources ${resources} --placements ${placements}\`` +
        ` on ${m.nproc} vCPU (${m.cpu}), ${m.memGiB} GiB, Node ${m.node}, PGlite ${m.pglite}; ${waited}.`,
      `Data: ${fmtInt(resources)} resources with 384-dimension vectors` +
        `, ${fmtInt(placements)} placements with one event, a plan and 4 checkpoints each, ` +
        `${fmtInt(placements)} audit entries (${fmtInt(runs[0].rows)} rows in all).`,
      'A probe connection ran `SELECT 1` every 20 ms during each backup: its longest wait is how long an API request was held up.',
      '',
      '| backup | total | database held (read transaction) | longest probe wait | median probe wait | probes | file size |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...runs.map(
        (r) =>
          `| ${r.label} | ${sec(r.durationMs)} s | ${sec(r.lockedMs)} s | ${ms(r.maxWait)} ms` +
          ` | ${ms(r.p50Wait)} ms | ${r.probes} | ${(r.sizeBytes / 2 ** 20).toFixed(1)} MiB |`,
      ),
      '',
      `Restore of the gzip file into a new embedded data directory (verify, load, index builds, row-count check, one transaction)` +
        `: ${sec(restore.durationMs)} s.`,
      'Total = read + verification pass' +
        ' (decompress, decrypt, count every row) + manifest. The embedded database serves one session: during the read',
      'transaction every other query waits,' +
        ' so the longest probe wait is about the read time. On a real PostgreSQL the same dump blocks nobody (MVCC).',
    ],
    log,
  );
}

runBench(main);
