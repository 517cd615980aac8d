import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gunzipSync as zlib_gunzip, gzipSync as zlib_gzip } from 'node:zlib';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Client } from 'pg';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { dumpToFile, restoreBackup, tableChecksums, RestoreRefused } from '../../src/backup/backup';
import { BackupFileError, verifyBackupFile } from '../../src/backup/backup-file';
import { BackupService } from '../../src/backup/backup.service';
import { backupBeforeMigrations, pendingMigrations } from '../../src/backup/pre-migration-backup';
import { loadConfig } from '../../src/config/app-config';
import { dataSourceOptions, MIGRATIONS, prepareDatabase } from '../../src/database/data-source';
import { projectRoot } from '../../src/common/project-root';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/database/embedded-postgres';
import { jobIds, QueueName } from '../../src/jobs/job.constants';
import { ReconcileScheduler } from '../../src/jobs/reconcile.scheduler';
import { ReportService } from '../../src/reports/report.service';
import { createOrganization, createResource } from '../support/factories';
import { createParticipant, giveConsent, propose, transition } from '../support/people';
import { createTestApp, waitFor, type TestApp } from '../support/test-app';

const KEY_A = Buffer.alloc(32, 7).toString('base64');
const KEY_B = Buffer.alloc(32, 9).toString('base64');
/** The Debian PostgreSQL 15 on this machine (no pgvector): used for what it can check. */
const LOCAL_PG = 'postgres://postgres@127.0.0.1:5432/postgres';

async function queryRows<T>(url: string, sql: string): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows as T[];
  } finally {
    await c.end();
  }
}
const tablesIn = (url: string) => queryRows<{ tablename: string }>(url, `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);

/** Waits until nothing changes any more (embeddings and follow-up jobs of earlier tests settle). */
async function quiescentChecksums(url: string) {
  let previous = JSON.stringify(await tableChecksums(url));
  for (let i = 0; i < 60; i++) {
    await new Promise((r) => setTimeout(r, 1_000));
    const now = JSON.stringify(await tableChecksums(url));
    if (now === previous) return JSON.parse(now) as Awaited<ReturnType<typeof tableChecksums>>;
    previous = now;
  }
  throw new Error('database never became quiet');
}

describe('backup and restore of the embedded database', () => {
  let t: TestApp;
  let work: string;
  const targets: EmbeddedPostgres[] = [];
  const newTarget = async () => {
    const target = await startEmbeddedPostgres(fs.mkdtempSync(path.join(work, 'target-')));
    targets.push(target);
    return target;
  };

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'sanka-backup-test-'));
    t = await createTestApp({ BACKUP_DIR: path.join(work, 'backups'), BACKUP_KEEP: '2' });
    // Participants, placements with checkpoints (one re-matched), consent, audit, a report snapshot.
    const org = await createOrganization(t);
    const resources = [
      await createResource(t, org.id, { capacity: 5, vacancies: 5 }),
      await createResource(t, org.id, { capacity: 5, vacancies: 5 }),
    ];
    for (let i = 0; i < 3; i++) {
      const person = await createParticipant(t, { displayName: `復元テスト${i}`, needs: "改行も\n'引用符'も \\ バックスラッシュも" });
      await giveConsent(t, person.id);
      await t.http().get(`/api/v1/participants/${person.id}`).set(t.admin).expect(200);
      const placement = await propose(t, person.id, resources[i % 2].id);
      await transition(t, placement.id, { to: 'active', followUp: { lengthDays: 60, checkpointDays: [14, 30, 60] } }).expect(200);
    }
    // What a catalogue import marks (origin, developed, the live-field baseline) is data a restore must bring back.
    await t.app.get(DataSource).query(`UPDATE organizations SET origin = 'import', developed = false WHERE id = $1`, [org.id]);
    await t.app.get(DataSource).query(
      `UPDATE resources SET origin = 'import', developed = false,
                import_baseline = '{"vacancies": {"list": 5, "live": 4}, "status": {"list": "open", "live": "open"}}' WHERE id = $1`,
      [resources[0].id],
    );
    // A month no other test reports on: freezing a month of theirs would change their figures.
    await t.app.get(ReportService).snapshot('2001-01');
    await waitFor(async () => {
      const [r] = await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM resources WHERE embedding_status <> 'ready'`);
      return r.n === 0;
    }, 'embeddings ready');
  });
  afterAll(async () => {
    await t.close();
    for (const target of targets) await target.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('backs up while requests run, and restores every table, vector, audit entry and snapshot unchanged', async () => {
    const before = await quiescentChecksums(t.config.databaseUrl!);
    expect(before.report_snapshots.rows).toBeGreaterThan(0);
    expect(before.audit_log.rows).toBeGreaterThan(0);
    expect(before.follow_up_checkpoints.rows).toBeGreaterThan(0);
    const [{ n: vectors }] = await queryRows<{ n: number }>(
      t.config.databaseUrl!,
      `SELECT count(*)::int AS n FROM resources WHERE embedding IS NOT NULL`,
    );
    expect(vectors).toBeGreaterThan(0);

    // Requests keep being answered during the backup.
    let running = true;
    const statuses: number[] = [];
    const load = (async () => {
      while (running) statuses.push((await t.http().get('/api/v1/resources').set(t.admin)).status);
    })();
    const result = await t.app.get(BackupService).run('manual');
    running = false;
    await load;
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(result.sizeBytes).toBe(fs.statSync(result.file).size);
    expect(fs.existsSync(`${result.file}.json`)).toBe(true);

    const health = await t.http().get('/health').expect(200);
    expect(health.body.backup.lastSuccessAt).not.toBeNull();
    expect(health.body.backup.ageHours).toBeLessThan(1);
    expect(health.body.backup.sizeBytes).toBe(result.sizeBytes);
    expect(health.body.backup.warning).toBeUndefined();

    const target = await newTarget();
    await restoreBackup({ file: result.file, databaseUrl: target.url });
    expect(await tableChecksums(target.url)).toEqual(before);
    const marks = (url: string) =>
      queryRows(url, `SELECT origin, developed, import_baseline::text AS baseline FROM resources WHERE origin = 'import' ORDER BY id`);
    expect(await marks(target.url)).toEqual(await marks(t.config.databaseUrl!));
    expect(await marks(target.url)).toHaveLength(1);
    const figures = (url: string) => queryRows(url, `SELECT period, figures::text FROM report_snapshots ORDER BY period`);
    expect(await figures(target.url)).toEqual(await figures(t.config.databaseUrl!));

    // A second restore into the now populated target is refused, and allowed with force.
    await expect(restoreBackup({ file: result.file, databaseUrl: target.url })).rejects.toThrow(RestoreRefused);
    await restoreBackup({ file: result.file, databaseUrl: target.url, force: true });
    expect(await tableChecksums(target.url)).toEqual(before);
  });

  it('rebuilds every follow-up job after a restore, none lost and none doubled', async () => {
    const { file } = await t.app.get(BackupService).run('manual');
    const target = await newTarget();
    await restoreBackup({ file, databaseUrl: target.url });
    const open = await queryRows<{ id: string; status: string }>(
      target.url,
      `SELECT id, status FROM follow_up_checkpoints WHERE status IN ('scheduled', 'due')`,
    );
    expect(open.length).toBeGreaterThan(0);
    // One job per open checkpoint: its due job while scheduled, its overdue job once due.
    const expected = open.map((c) => jobIds.checkpoint(c.status === 'scheduled' ? 'due' : 'overdue', c.id));

    const prefix = `sanka-test-restore-${process.pid}`;
    const restored = await createTestApp({
      DATABASE_URL: target.url,
      QUEUE_PREFIX: prefix,
      BACKUP_DIR: path.join(work, 'restored-backups'),
    });
    try {
      const queue = restored.app.get<Queue>(getQueueToken(QueueName.FollowUp));
      await waitFor(async () => (await Promise.all(expected.map((id) => queue.getJob(id)))).every(Boolean), 'follow-up jobs rebuilt');
      expect((await restored.app.get(ReconcileScheduler).reconcile()).checkpointsScheduled).toBe(0);
      const all = (await queue.getJobs(['delayed', 'waiting', 'active', 'completed', 'failed', 'prioritized'])).map((j) => j.id!);
      expect(new Set(all).size).toBe(all.length);
      // None lost; nothing else, except the overdue job of a checkpoint that came due in the restored service meanwhile
      // (its due job ran: the follow-up went on, as it should — CI on a loaded machine saw exactly that).
      expect(all).toEqual(expect.arrayContaining(expected));
      const cameDue = new Set(
        (
          await queryRows<{ id: string }>(
            target.url,
            `SELECT id FROM follow_up_checkpoints WHERE status <> 'scheduled' AND id IN (${
              open
                .filter((c) => c.status === 'scheduled')
                .map((c) => `'${c.id}'`)
                .join(',') || 'NULL'
            })`,
          )
        ).map((c) => jobIds.checkpoint('overdue', c.id)),
      );
      expect(all.filter((id) => !expected.includes(id) && !cameDue.has(id))).toEqual([]);
    } finally {
      await restored.close();
      const redis = new Redis(process.env.REDIS_URL!);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
    }
  });

  it('encrypts backups with the configured key and refuses a wrong or missing key clearly', async () => {
    const encrypted = await createTestApp({ BACKUP_DIR: path.join(work, 'encrypted'), BACKUP_ENCRYPTION_KEY: KEY_A, ROLE: 'api' });
    let file: string;
    try {
      file = (await encrypted.app.get(BackupService).run('manual')).file;
    } finally {
      await encrypted.close();
    }
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 8).toString('ascii')).toBe('SANKAENC');
    expect(bytes.includes(Buffer.from('sanka-backup'))).toBe(false);
    const { header } = await verifyBackupFile(file, Buffer.from(KEY_A, 'base64'));
    expect(header.migrations.length).toBeGreaterThan(0);

    const target = await newTarget();
    await expect(restoreBackup({ file, databaseUrl: target.url, key: Buffer.from(KEY_B, 'base64') })).rejects.toThrow(/暗号鍵が違います/);
    await expect(restoreBackup({ file, databaseUrl: target.url })).rejects.toThrow(/暗号化されています/);
    const tampered = path.join(work, 'tampered.sql.gz.enc');
    const copy = Buffer.from(bytes);
    copy[Math.floor(copy.length / 2)] ^= 0x01;
    fs.writeFileSync(tampered, copy);
    await expect(restoreBackup({ file: tampered, databaseUrl: target.url, key: Buffer.from(KEY_A, 'base64') })).rejects.toThrow(
      /認証に失敗/,
    );
    expect(await tablesIn(target.url)).toEqual([]);
    await restoreBackup({ file, databaseUrl: target.url, key: Buffer.from(KEY_A, 'base64') });
    expect((await tablesIn(target.url)).length).toBeGreaterThan(5);
  });

  it('refuses a truncated, corrupted or half-failing backup without restoring anything', async () => {
    const { file } = await t.app.get(BackupService).run('manual');
    const bytes = fs.readFileSync(file);
    const target = await newTarget();
    const truncated = path.join(work, 'truncated.sql.gz');
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await expect(restoreBackup({ file: truncated, databaseUrl: target.url })).rejects.toThrow(BackupFileError);
    const corrupted = path.join(work, 'corrupted.sql.gz');
    const copy = Buffer.from(bytes);
    for (let i = 0; i < 16; i++) copy[Math.floor(copy.length / 3) + i] ^= 0xff;
    fs.writeFileSync(corrupted, copy);
    await expect(restoreBackup({ file: corrupted, databaseUrl: target.url })).rejects.toThrow(/バックアップファイルを使えません/);
    // Damage at other places fails in other ways (inflate error, CRC, garbled rows): each must be a clear refusal.
    for (const at of [0.1, 0.5, 0.9, 0.99]) {
      const other = Buffer.from(bytes);
      other[Math.floor(other.length * at)] ^= 0x55;
      fs.writeFileSync(corrupted, other);
      await expect(verifyBackupFile(corrupted, undefined)).rejects.toThrow(BackupFileError);
    }
    // A file cut at a statement boundary and re-compressed: gzip is intact, the end marker is missing.
    const sql = zlib_gunzip(bytes).toString('utf8');
    const cut = path.join(work, 'cut.sql.gz');
    fs.writeFileSync(cut, zlib_gzip(Buffer.from(sql.slice(0, sql.indexOf('\n;\n', sql.length / 2) + 3))));
    await expect(restoreBackup({ file: cut, databaseUrl: target.url })).rejects.toThrow(/終端マーカー|行数が合いません/);
    // Well-formed, but a statement fails late in the load: everything rolls back.
    const failing = path.join(work, 'failing.sql.gz');
    const trailer = JSON.parse(sql.slice(sql.lastIndexOf('-- sanka-backup-end ') + 20));
    const broken = sql
      .replace('\n-- data-end\n', '\n-- data-end\nSELECT 1 / 0\n;\n')
      .replace(/-- sanka-backup-end .*\n$/, `-- sanka-backup-end ${JSON.stringify({ ...trailer, statements: trailer.statements + 1 })}\n`);
    fs.writeFileSync(failing, zlib_gzip(Buffer.from(broken)));
    await verifyBackupFile(failing, undefined);
    await expect(restoreBackup({ file: failing, databaseUrl: target.url })).rejects.toThrow(/division by zero/);
    expect(await tablesIn(target.url)).toEqual([]);
  });

  it('keeps BACKUP_KEEP generations, each with its manifest', async () => {
    const dir = path.join(work, 'backups');
    const files = () => fs.readdirSync(dir).filter((f) => /\.sql\.gz$/.test(f));
    await t.app.get(BackupService).run('manual');
    expect(files()).toHaveLength(2);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.json'))).toHaveLength(2);
  });

  it('exports SQL that a PostgreSQL >= 15 with pgvector can load', async () => {
    const file = path.join(work, 'export.sql');
    await dumpToFile(t.config.databaseUrl!, file, { reason: 'export', source: 'embedded', gzip: false });
    const sql = fs.readFileSync(file, 'utf8');
    expect(sql).toMatch(/^CREATE EXTENSION IF NOT EXISTS vector$/m);
    expect(sql).toMatch(/embedding vector\(384\)/);
    expect(sql).toMatch(/needs_embedding vector\(384\)/);
    expect(sql).toMatch(/CREATE INDEX resources_embedding_idx ON resources USING hnsw \(embedding vector_cosine_ops\)/);
    // Indexes are built after the data, the sequences continue where the source stopped.
    expect(sql.indexOf('CREATE INDEX resources_embedding_idx')).toBeGreaterThan(sql.indexOf('-- data-end'));
    expect(sql).toMatch(/SELECT pg_catalog\.setval\(E'public\."audit_log_id_seq"', \d+, true\)/);
    expect(sql).not.toMatch(/transaction_timeout/); // a PostgreSQL 17 setting that 15 rejects

    const local = await queryRows<{ vector: boolean }>(
      LOCAL_PG,
      `SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') AS vector`,
    ).catch(() => null);
    const psql = (() => {
      try {
        execFileSync('psql', ['--version']);
        return true;
      } catch {
        return false;
      }
    })();
    if (!local || !psql) {
      process.stdout.write(
        '\n[backup.int-spec] NOT CHECKED: no PostgreSQL at 127.0.0.1:5432 or no psql: the export was not loaded into a real server\n',
      );
      return;
    }
    const db = `sanka_export_${process.pid}`;
    const admin = new Client({ connectionString: LOCAL_PG });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${db}`);
    await admin.query(`CREATE DATABASE ${db}`);
    try {
      const url = LOCAL_PG.replace(/\/postgres$/, `/${db}`);
      let loadable = file;
      if (!local[0].vector) {
        process.stdout.write(
          '\n[backup.int-spec] PARTLY CHECKED: the PostgreSQL here has no pgvector, so the export is loaded with vector columns as text ' +
            'and without the HNSW index; the vector parts are checked only in the SQL text above\n',
        );
        loadable = path.join(work, 'export-without-pgvector.sql');
        fs.writeFileSync(
          loadable,
          sql
            .replace(/^CREATE EXTENSION IF NOT EXISTS vector$/m, 'SELECT 1')
            .replace(/vector\(384\)/g, 'text')
            .replace(/^CREATE INDEX resources_embedding_idx .*$/m, 'SELECT 1')
            .replace(/::real\[\]::vector/g, ''),
        );
      }
      execFileSync('psql', ['-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-f', loadable], { stdio: ['ignore', 'ignore', 'pipe'] });
      const source = await tableChecksums(t.config.databaseUrl!);
      const loaded = await tableChecksums(url);
      expect(Object.keys(loaded).sort()).toEqual(Object.keys(source).sort());
      for (const table of Object.keys(source)) expect([table, loaded[table].rows]).toEqual([table, source[table].rows]);
      // Same text of every row (vectors included, as text), so the same checksums.
      expect(loaded).toEqual(source);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${db}`);
      await admin.end();
    }
  });

  it('takes a backup before migrations change an existing schema, and none for a new database', async () => {
    const target = await newTarget();
    const config = loadConfig({ ...process.env, DATABASE_URL: target.url, BACKUP_DIR: path.join(work, 'pre-migration') });
    expect(await backupBeforeMigrations(config, target.url, () => undefined)).toBeNull();
    await prepareDatabase(target.url);
    expect(await pendingMigrations(target.url)).toEqual([]);
    expect(await backupBeforeMigrations(config, target.url, () => undefined)).toBeNull();
    const ds = new DataSource(dataSourceOptions(target.url));
    await ds.initialize();
    await ds.undoLastMigration({ transaction: 'each' });
    await ds.destroy();
    const last = new MIGRATIONS[MIGRATIONS.length - 1]().name;
    expect(await pendingMigrations(target.url)).toEqual([last]);
    const messages: string[] = [];
    const result = await backupBeforeMigrations(config, target.url, (msg) => messages.push(msg));
    expect(result!.file).toContain('pre-migration');
    expect(messages.join('\n')).toContain(result!.file);
    const { header } = await verifyBackupFile(result!.file, undefined);
    expect(header.migrations).not.toContain(last);
  });

  it('backs up and refuses a damaged file from the command line, with clear messages and exit codes', async () => {
    const cli = path.join(projectRoot(), 'dist', 'src', 'backup', 'backup.cli.js');
    const env = { ...process.env, BACKUP_DIR: path.join(work, 'cli') };
    const backup = spawnSync(process.execPath, [cli, 'backup'], { env, encoding: 'utf8' });
    expect(backup.stderr).toBe('');
    expect(backup.status).toBe(0);
    expect(backup.stdout).toContain('読み戻して確認しました');
    const file = fs.readdirSync(path.join(work, 'cli')).find((f) => f.endsWith('.sql.gz'))!;
    const damaged = path.join(work, 'cli-damaged.sql.gz');
    fs.writeFileSync(damaged, fs.readFileSync(path.join(work, 'cli', file)).subarray(0, 200));
    const target = await newTarget();
    const restore = spawnSync(process.execPath, [cli, 'restore', damaged], { env: { ...env, DATABASE_URL: target.url }, encoding: 'utf8' });
    expect(restore.status).toBe(2);
    expect(restore.stderr).toContain('バックアップファイルを使えません');
    expect(await tablesIn(target.url)).toEqual([]);
  });
});
