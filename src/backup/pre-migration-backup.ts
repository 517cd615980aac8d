import { Client } from 'pg';
import type { AppConfig } from '../config/app-config';
import { MIGRATIONS } from '../database/data-source';
import { createBackup, type BackupResult } from './backup';

/** Migrations the database has not applied yet; null when it has no schema at all (a new database). */
export async function pendingMigrations(databaseUrl: string): Promise<string[] | null> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const exists = await client.query(`SELECT to_regclass('public.schema_migrations') IS NOT NULL AS ok`);
    if (!exists.rows[0].ok) return null;
    const applied = new Set((await client.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name));
    if (applied.size === 0) return null;
    return MIGRATIONS.map((M) => new M().name as string).filter((name) => !applied.has(name));
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Before migrations change an existing schema, take a backup: an upgrade that goes wrong then has a
 * way back (`npm run restore -- FILE`). A failed backup stops the start (BACKUP_BEFORE_MIGRATIONS=false skips it).
 */
export async function backupBeforeMigrations(
  config: AppConfig,
  databaseUrl: string,
  log: (msg: string, extra?: object) => void,
): Promise<BackupResult | null> {
  if (!config.backupBeforeMigrations) return null;
  const pending = await pendingMigrations(databaseUrl);
  if (!pending?.length) return null;
  log('スキーマを更新する前にバックアップを作成しています', { pending });
  try {
    const result = await createBackup({
      databaseUrl,
      backupDir: config.backupDir,
      keep: config.backupKeep,
      key: config.backupEncryptionKey,
      reason: 'pre-migration',
      source: config.databaseUrl ? 'postgresql' : 'embedded',
    });
    log(`スキーマ更新前のバックアップ: ${result.file}（戻すとき: npm run restore -- ${result.file} --force）`, {
      sizeBytes: result.sizeBytes,
      durationMs: Math.round(result.durationMs),
    });
    return result;
  } catch (err) {
    throw new Error(
      'スキーマ更新前のバックアップに失敗したため、マイグレーションを行いません（BACKUP_BEFORE_MIGRATIONS=false で省略できます）: ' +
        (err instanceof Error ? err.message : String(err)),
      { cause: err },
    );
  }
}
