/**
 * `npm run backup`             back up DATABASE_URL, or the embedded database under DATA_DIR (also while the service runs)
 * `npm run restore -- FILE [--force]`   restore into an empty database (DATABASE_URL or DATA_DIR)
 * `npm run db:export -- [FILE]`         plain SQL for a managed PostgreSQL (psql -v ON_ERROR_STOP=1 -f FILE)
 * See docs/backup.md.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source';
import { runningEmbeddedUrl, startEmbeddedPostgres, type EmbeddedPostgres } from '../database/embedded-postgres';
import { BackupFileError } from './backup-file';
import { BackupRunRepository } from './backup-run.repository';
import { createBackup, dumpToFile, restoreBackup, RestoreRefused } from './backup';

const out = (msg: string) => process.stdout.write(`${msg}\n`);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The database to work on: DATABASE_URL, the running service's embedded server, or our own embedded server. */
async function openDatabase(
  config: AppConfig,
  mode: 'read' | 'restore',
): Promise<{ url: string; embedded: EmbeddedPostgres | null; source: 'embedded' | 'postgresql' }> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: null, source: 'postgresql' };
  const running = runningEmbeddedUrl(config.dataDir);
  if (running) {
    if (mode === 'restore')
      throw new RestoreRefused(
        `サービスが ${config.dataDir} で動いています: 停止してから復元してください (stop the service before restoring)`,
      );
    return { url: running, embedded: null, source: 'embedded' };
  }
  if (mode === 'read' && !fs.existsSync(path.join(config.dataDir, 'pgdata'))) {
    throw new Error(`組み込みデータベースがありません: ${config.dataDir} (DATA_DIR has no database)`);
  }
  const embedded = await startEmbeddedPostgres(config.dataDir, { sharedBuffers: config.embeddedDbSharedBuffers });
  return { url: embedded.url, embedded, source: 'embedded' };
}

async function backup(config: AppConfig): Promise<void> {
  const db = await openDatabase(config, 'read');
  const dataSource = new DataSource(dataSourceOptions(db.url));
  try {
    await dataSource.initialize();
    const runs = new BackupRunRepository(dataSource);
    const startedAt = new Date();
    try {
      const r = await createBackup({
        databaseUrl: db.url,
        backupDir: config.backupDir,
        keep: config.backupKeep,
        key: config.backupEncryptionKey,
        reason: 'manual',
        source: db.source,
      });
      await runs.record({ ...r, reason: 'manual', ok: true, rowCounts: r.rows, error: null });
      const rows = Object.values(r.rows).reduce((a, b) => a + b, 0);
      out(`バックアップを作成し、読み戻して確認しました: ${r.file}`);
      out(
        `  ${mb(r.sizeBytes)}, ${Object.keys(r.rows).length} 表 ${rows} 行, ${(r.durationMs / 1000).toFixed(1)} 秒` +
          `（データベースを占有したのは ${(r.lockedMs / 1000).toFixed(1)} 秒）${r.encrypted ? ', 暗号化済み' : ''}`,
      );
      if (r.removed.length) out(`  古い世代を削除しました（BACKUP_KEEP=${config.backupKeep}）: ${r.removed.join(', ')}`);
    } catch (err) {
      await runs
        .record({
          startedAt,
          finishedAt: new Date(),
          reason: 'manual',
          ok: false,
          file: null,
          sizeBytes: null,
          durationMs: Date.now() - startedAt.getTime(),
          lockedMs: null,
          encrypted: Boolean(config.backupEncryptionKey),
          rowCounts: null,
          error: String(err),
        })
        .catch(() => undefined);
      throw err;
    }
  } finally {
    await dataSource.destroy().catch(() => undefined);
    await db.embedded?.stop();
  }
}

async function restore(config: AppConfig, args: string[]): Promise<void> {
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) throw new Error('使い方: npm run restore -- FILE [--force]');
  const db = await openDatabase(config, 'restore');
  try {
    const r = await restoreBackup({
      file: path.resolve(file),
      databaseUrl: db.url,
      key: config.backupEncryptionKey,
      force: args.includes('--force'),
    });
    const rows = Object.values(r.rows).reduce((a, b) => a + b, 0);
    out(
      `復元しました: ${Object.keys(r.rows).length} 表 ${rows} 行（${r.header.createdAt} のバックアップ, ${(r.durationMs / 1000).toFixed(1)} 秒）`,
    );
    out(
      `  復元先: ${config.databaseUrl ? 'DATABASE_URL' : config.dataDir}。npm start で起動すると、フォローアップのジョブはデータベースから作り直されます。`,
    );
  } finally {
    await db.embedded?.stop();
  }
}

async function exportSql(config: AppConfig, args: string[]): Promise<void> {
  const file = path.resolve(args.find((a) => !a.startsWith('--')) ?? `sanka-export-${new Date().toISOString().slice(0, 10)}.sql`);
  const db = await openDatabase(config, 'read');
  try {
    // Plain SQL, never encrypted: it is meant for psql. Keep it as safe as the database itself.
    const r = await dumpToFile(db.url, file, { reason: 'export', source: db.source, gzip: file.endsWith('.gz') });
    out(`書き出しました: ${file}（${Object.keys(r.rows).length} 表, ${mb(fs.statSync(file).size)}）`);
    out(`  PostgreSQL (>= 15, pgvector >= 0.8) へ: psql -v ON_ERROR_STOP=1 "$DATABASE_URL" -f ${path.basename(file)}`);
  } finally {
    await db.embedded?.stop();
  }
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  const config = loadConfig();
  if (command === 'backup') return backup(config);
  if (command === 'restore') return restore(config, args);
  if (command === 'export') return exportSql(config, args);
  throw new Error('使い方: backup.cli.js backup | restore FILE [--force] | export [FILE]');
}

main().then(
  () => process.exit(0),
  (err) => {
    const known = err instanceof BackupFileError || err instanceof RestoreRefused;
    process.stderr.write(`${known ? err.message : `失敗しました: ${err instanceof Error ? err.message : String(err)}`}\n`);
    process.exit(known ? 2 : 1);
  },
);
