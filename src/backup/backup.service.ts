import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { BackupRunRepository } from './backup-run.repository';
import { createBackup, type BackupResult } from './backup';

const HOUR_MS = 3_600_000;

/** Runs backups inside the service (the nightly job) and tells /health how fresh the last one is. */
@Injectable()
export class BackupService {
  private readonly logger = new Logger('Backup');

  constructor(
    private readonly config: AppConfig,
    private readonly runs: BackupRunRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async run(reason: string): Promise<Omit<BackupResult, 'rows'> & { tables: number }> {
    // The URL the service itself uses: the embedded server's loopback port, or DATABASE_URL.
    const databaseUrl = (this.dataSource.options as { url: string }).url;
    const startedAt = new Date();
    try {
      const result = await createBackup({
        databaseUrl,
        backupDir: this.config.backupDir,
        keep: this.config.backupKeep,
        key: this.config.backupEncryptionKey,
        reason,
        source: this.config.databaseUrl ? 'postgresql' : 'embedded',
      });
      await this.runs.record({ ...result, reason, ok: true, rowCounts: result.rows, error: null });
      this.logger.log(
        {
          file: result.file,
          sizeBytes: result.sizeBytes,
          durationMs: Math.round(result.durationMs),
          lockedMs: Math.round(result.lockedMs),
          removed: result.removed.length,
        },
        'バックアップを作成し、読み戻して確認しました',
      );
      const { rows, ...rest } = result;
      return { ...rest, tables: Object.keys(rows).length };
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      await this.runs
        .record({
          startedAt,
          finishedAt: new Date(),
          reason,
          ok: false,
          file: null,
          sizeBytes: null,
          durationMs: Date.now() - startedAt.getTime(),
          lockedMs: null,
          encrypted: Boolean(this.config.backupEncryptionKey),
          rowCounts: null,
          error,
        })
        .catch(() => undefined);
      this.logger.error({ error }, 'バックアップに失敗しました');
      throw err;
    }
  }

  /** For /health: never throws (a missing table or a slow database only removes the detail). */
  async status(now = new Date()) {
    try {
      const last = await this.runs.lastSuccess();
      const failure = await this.runs.lastFailureAfter(last?.finishedAt ?? null);
      const ageHours = last ? Math.round(((now.getTime() - last.finishedAt.getTime()) / HOUR_MS) * 10) / 10 : null;
      const warnings: string[] = [];
      if (!last) warnings.push('成功したバックアップがまだありません（npm run backup で作成できます）');
      else if (ageHours! > this.config.backupWarnAfterHours)
        warnings.push(`最後に成功したバックアップは ${Math.floor(ageHours!)} 時間前です`);
      if (failure) warnings.push(`最新のバックアップは失敗しました（${failure.finishedAt.toISOString()}）`);
      return {
        lastSuccessAt: last?.finishedAt.toISOString() ?? null,
        ageHours,
        sizeBytes: last?.sizeBytes ?? null,
        durationMs: last?.durationMs ?? null,
        lockedMs: last?.lockedMs ?? null,
        schedule: this.config.backupCron ? `${this.config.backupCron} (Asia/Tokyo)` : 'off',
        ...(warnings.length ? { warning: warnings.join(' / ') } : {}),
      };
    } catch (err) {
      return {
        lastSuccessAt: null,
        ageHours: null,
        sizeBytes: null,
        durationMs: null,
        lockedMs: null,
        warning: `バックアップの状態を読めません: ${String(err)}`,
      };
    }
  }
}
