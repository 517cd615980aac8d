import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports: resource status history (so that "open at month end" can be answered for any
 * past month) and immutable monthly snapshots of what was reported.
 */
export class Reports1764200000000 implements MigrationInterface {
  name = 'Reports1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE resource_status_events (
        id bigserial PRIMARY KEY,
        resource_id uuid NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('open', 'paused', 'closed')),
        initial boolean NOT NULL DEFAULT false,
        occurred_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX resource_status_events_resource_idx ON resource_status_events (resource_id, occurred_at DESC)`);
    await q.query(`CREATE INDEX resource_status_events_occurred_idx ON resource_status_events (occurred_at)`);
    // Resources that existed before this migration: their current status since creation.
    await q.query(
      `INSERT INTO resource_status_events (resource_id, status, initial, occurred_at) SELECT id, status, true, created_at FROM resources`,
    );
    await q.query(`CREATE INDEX resources_created_at_idx ON resources (created_at)`);
    await q.query(`CREATE INDEX placements_active_at_idx ON placements (active_at)`);
    await q.query(`CREATE INDEX follow_up_checkpoints_due_on_idx ON follow_up_checkpoints (due_on)`);
    await q.query(`CREATE INDEX follow_up_checkpoints_overdue_at_idx ON follow_up_checkpoints (overdue_at)`);
    await q.query(`CREATE INDEX checkins_date_idx ON checkins (date)`);
    await q.query(`
      CREATE TABLE report_snapshots (
        period text PRIMARY KEY,
        figures jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS report_snapshots`);
    for (const index of [
      'checkins_date_idx',
      'follow_up_checkpoints_overdue_at_idx',
      'follow_up_checkpoints_due_on_idx',
      'placements_active_at_idx',
      'resources_created_at_idx',
    ]) {
      await q.query(`DROP INDEX IF EXISTS ${index}`);
    }
    await q.query(`DROP TABLE IF EXISTS resource_status_events`);
  }
}
