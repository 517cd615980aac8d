/**
 * Back up, verify and restore (docs/backup.md). Plain functions over a connection URL, shared by the
 * nightly job, `npm run backup`, `npm run restore`, `npm run db:export` and the pre-migration backup.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PassThrough, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import { createGzip } from 'node:zlib';
import { Client } from 'pg';
import { BackupFileError, encryptStream, readBackup, verifyBackupFile, type DumpHeader } from './backup-file';
import { writeDump } from './sql-dump';

export const BACKUP_FILE = /^sanka-backup-\d{8}T\d{6}Z-[a-z-]+-[0-9a-f]{6}\.sql\.gz(\.enc)?$/;

export interface BackupOptions {
  databaseUrl: string;
  backupDir: string;
  /** Generations to keep; older files are removed after this one verified. */
  keep: number;
  key?: Buffer;
  reason: string;
  source: DumpHeader['source'];
}

export interface BackupResult {
  file: string;
  sizeBytes: number;
  durationMs: number;
  lockedMs: number;
  rows: Record<string, number>;
  encrypted: boolean;
  startedAt: Date;
  finishedAt: Date;
  removed: string[];
}

/** Writes a dump to `file` through gzip (and encryption): to a temporary name, renamed once complete. */
export async function dumpToFile(
  databaseUrl: string,
  file: string,
  options: { key?: Buffer; reason: string; source: DumpHeader['source']; gzip?: boolean },
) {
  const partial = `${file}.partial`;
  const gzip = options.gzip !== false;
  const source = new PassThrough();
  const stages: Writable[] = [];
  if (gzip) stages.push(createGzip({ level: 6 }));
  if (options.key) stages.push(encryptStream(options.key));
  const done = pipeline(source, ...(stages as [Writable]), fs.createWriteStream(partial, { mode: 0o600 }));
  done.catch(() => undefined); // awaited below; avoids an unhandled rejection while the dump still writes
  const write = async (text: string) => {
    if (!source.write(text)) await new Promise<void>((resolve) => source.once('drain', resolve));
  };
  const client = new Client({ connectionString: databaseUrl, application_name: 'sanka-backup' });
  await client.connect();
  try {
    const result = await writeDump(client, write, { source: options.source, reason: options.reason });
    source.end();
    await done;
    const fd = fs.openSync(partial, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(partial, file);
    return result;
  } catch (err) {
    source.destroy();
    await done.catch(() => undefined);
    fs.rmSync(partial, { force: true });
    throw err;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function createBackup(options: BackupOptions): Promise<BackupResult> {
  const startedAt = new Date();
  const t0 = performance.now();
  fs.mkdirSync(options.backupDir, { recursive: true, mode: 0o700 });
  const stamp = startedAt
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const reason = options.reason.replace(/[^a-z-]/g, '-');
  const name = `sanka-backup-${stamp}-${reason}-${randomBytes(3).toString('hex')}.sql.gz${options.key ? '.enc' : ''}`;
  const file = path.join(options.backupDir, name);
  const dump = await dumpToFile(options.databaseUrl, file, options);
  // Read back what was written: a backup that cannot be read is no backup.
  try {
    const { trailer } = await verifyBackupFile(file, options.key);
    for (const [table, n] of Object.entries(dump.rows)) {
      if (trailer.rows[table] !== n)
        throw new BackupFileError(`verification: ${table} has ${trailer.rows[table]} rows in the file, ${n} in the database`);
    }
  } catch (err) {
    fs.renameSync(file, `${file}.failed`);
    throw err;
  }
  const sizeBytes = fs.statSync(file).size;
  const finishedAt = new Date();
  const result: BackupResult = {
    file,
    sizeBytes,
    durationMs: performance.now() - t0,
    lockedMs: dump.lockedMs,
    rows: dump.rows,
    encrypted: Boolean(options.key),
    startedAt,
    finishedAt,
    removed: [],
  };
  const manifest = {
    ...dump.header,
    file: name,
    sizeBytes,
    durationMs: Math.round(result.durationMs),
    lockedMs: Math.round(dump.lockedMs),
    encrypted: result.encrypted,
    rows: dump.rows,
    verifiedAt: finishedAt.toISOString(),
  };
  fs.writeFileSync(`${file}.json`, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  result.removed = pruneBackups(options.backupDir, options.keep);
  return result;
}

/** Keeps the newest `keep` backups (by the time in their names); removes older ones and their manifests. */
export function pruneBackups(dir: string, keep: number): string[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => BACKUP_FILE.test(f))
    .sort()
    .reverse();
  const removed = files.slice(keep);
  for (const f of removed) {
    fs.rmSync(path.join(dir, f), { force: true });
    fs.rmSync(path.join(dir, `${f}.json`), { force: true });
  }
  return removed;
}

export interface RestoreOptions {
  file: string;
  databaseUrl: string;
  key?: Buffer;
  /** Replace whatever the target holds (its schema public is dropped, in the same transaction). */
  force?: boolean;
}

export class RestoreRefused extends Error {}

/**
 * Restores into an empty database in one transaction: the file is verified completely first, then
 * loaded; row counts are compared before COMMIT. Any failure rolls back: never half-restored.
 */
export async function restoreBackup(
  options: RestoreOptions,
): Promise<{ rows: Record<string, number>; header: DumpHeader; durationMs: number }> {
  const t0 = performance.now();
  const { header, trailer } = await verifyBackupFile(options.file, options.key);
  const client = new Client({ connectionString: options.databaseUrl, application_name: 'sanka-restore' });
  await client.connect();
  try {
    const existing = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm')
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')`,
    );
    if (existing.rows[0].n > 0 && !options.force) {
      throw new RestoreRefused(
        `復元先のデータベースは空ではありません（表が ${existing.rows[0].n} 個あります）。上書きするときは --force を付けてください` +
          ' (target database is not empty; use --force to replace it)',
      );
    }
    await client.query('BEGIN');
    try {
      if (existing.rows[0].n > 0) await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
      for await (const item of readBackup(options.file, options.key)) {
        if (item.kind !== 'statement') continue;
        if (item.sql === 'BEGIN' || item.sql === 'COMMIT') continue; // our own transaction instead
        await client.query(item.sql);
      }
      for (const [table, rows] of Object.entries(trailer.rows)) {
        const n = (await client.query<{ n: string }>(`SELECT count(*)::bigint AS n FROM public."${table.replace(/"/g, '""')}"`)).rows[0].n;
        if (Number(n) !== rows) throw new Error(`restored ${table} has ${n} rows, the backup ${rows}`);
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
    return { rows: trailer.rows, header, durationMs: performance.now() - t0 };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Row count and an order-independent checksum of every table's content (restore checks, tests). */
export async function tableChecksums(databaseUrl: string): Promise<Record<string, { rows: number; checksum: string }>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET extra_float_digits = 3`);
    const tables = await client.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    const out: Record<string, { rows: number; checksum: string }> = {};
    for (const { name } of tables.rows) {
      const r = await client.query<{ n: number; sum: string }>(
        `SELECT count(*)::int AS n, coalesce(sum(('x' || substr(md5(t::text), 1, 15))::bit(60)::bigint::numeric), 0)::text AS sum
           FROM public."${name}" t`,
      );
      out[name] = { rows: r.rows[0].n, checksum: r.rows[0].sum };
    }
    return out;
  } finally {
    await client.end().catch(() => undefined);
  }
}
