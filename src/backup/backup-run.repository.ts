import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface BackupRun {
  startedAt: Date;
  finishedAt: Date;
  reason: string;
  ok: boolean;
  file: string | null;
  sizeBytes: number | null;
  durationMs: number;
  lockedMs: number | null;
  encrypted: boolean;
  rowCounts: Record<string, number> | null;
  error: string | null;
}

export type SqlQuery = (sql: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;

/** The backup_runs table: written by every backup (job, CLI), read by /health. */
@Injectable()
export class BackupRunRepository {
  private readonly query: SqlQuery;

  constructor(@InjectDataSource() dataSource: DataSource | { query: SqlQuery }) {
    this.query = (sql, params) => dataSource.query(sql, params);
  }

  /** Before migrations the table may not exist yet: then the run is only in the log and the manifest. */
  async record(run: BackupRun): Promise<boolean> {
    const exists = await this.query(`SELECT to_regclass('public.backup_runs') IS NOT NULL AS ok`);
    if (!exists[0]?.ok) return false;
    await this.query(
      `INSERT INTO backup_runs (started_at, finished_at, reason, ok, file, size_bytes, duration_ms, locked_ms, encrypted, row_counts, error)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        run.startedAt,
        run.finishedAt,
        run.reason,
        run.ok,
        run.file,
        run.sizeBytes,
        Math.round(run.durationMs),
        run.lockedMs === null ? null : Math.round(run.lockedMs),
        run.encrypted,
        run.rowCounts ? JSON.stringify(run.rowCounts) : null,
        run.error,
      ],
    );
    return true;
  }

  async lastSuccess(): Promise<{ finishedAt: Date; file: string; sizeBytes: number; durationMs: number; lockedMs: number | null } | null> {
    const rows = await this.query(
      `SELECT finished_at, file, size_bytes::float8 AS size_bytes, duration_ms, locked_ms
         FROM backup_runs WHERE ok ORDER BY finished_at DESC LIMIT 1`,
    );
    const r = rows[0];
    if (!r) return null;
    return {
      finishedAt: new Date(r.finished_at as string),
      file: r.file as string,
      sizeBytes: Number(r.size_bytes),
      durationMs: Number(r.duration_ms),
      lockedMs: r.locked_ms === null ? null : Number(r.locked_ms),
    };
  }

  async lastFailureAfter(since: Date | null): Promise<{ finishedAt: Date; error: string } | null> {
    const rows = await this.query(
      `SELECT finished_at, error FROM backup_runs
        WHERE NOT ok AND ($1::timestamptz IS NULL OR finished_at > $1) ORDER BY finished_at DESC LIMIT 1`,
      [since],
    );
    return rows[0] ? { finishedAt: new Date(rows[0].finished_at as string), error: String(rows[0].error) } : null;
  }
}
