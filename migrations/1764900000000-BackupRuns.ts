import { MigrationInterface, QueryRunner } from 'typeorm';

/** One row per backup attempt (nightly job, `npm run backup`, before migrations): read by /health and admin screens. */
export class BackupRuns1764900000000 implements MigrationInterface {
  name = 'BackupRuns1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE backup_runs (
        id bigserial PRIMARY KEY,
        started_at timestamptz NOT NULL,
        finished_at timestamptz NOT NULL,
        reason text NOT NULL,
        ok boolean NOT NULL,
        file text,
        size_bytes bigint,
        duration_ms integer NOT NULL,
        locked_ms integer,
        encrypted boolean NOT NULL DEFAULT false,
        row_counts jsonb,
        error text
      )`);
    await q.query(`CREATE INDEX backup_runs_ok_finished_idx ON backup_runs (ok, finished_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS backup_runs`);
  }
}
