import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Follow-up on the office's calendar (#18): each checkpoint keeps its plan day (nominal_on) beside the
 * business day it is due on (due_on); existing rows get nominal_on = due_on, so no plan moves silently (null reads as
 * due_on, so that rows written by older code or fixtures stay valid).
 * kind 'after_closure' is 「その後の様子確認」 after closing as 定着 (never counted as overdue follow-up).
 * Personal calendar feeds (the secret only as a SHA-256 hash) and the morning digest's per-day ledger.
 */
export class FollowUpCalendar1765400000000 implements MigrationInterface {
  name = 'FollowUpCalendar1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE follow_up_checkpoints ADD COLUMN nominal_on date`);
    await q.query(`UPDATE follow_up_checkpoints SET nominal_on = due_on`);
    await q.query(
      `ALTER TABLE follow_up_checkpoints ADD COLUMN kind text NOT NULL DEFAULT 'follow_up' CHECK (kind IN ('follow_up', 'after_closure'))`,
    );
    await q.query(
      `CREATE INDEX follow_up_checkpoints_after_closure_idx ON follow_up_checkpoints (due_on)
        WHERE kind = 'after_closure' AND status IN ('scheduled', 'due')`,
    );
    await q.query(`
      CREATE TABLE calendar_feeds (
        user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE digest_deliveries (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        day date NOT NULL,
        status text NOT NULL CHECK (status IN ('sending', 'sent')),
        items integer NOT NULL,
        claimed_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        PRIMARY KEY (user_id, day)
      )`);
    await q.query(`
      CREATE TABLE digest_runs (
        day date PRIMARY KEY,
        finished_at timestamptz NOT NULL DEFAULT now(),
        sent integer NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS digest_runs`);
    await q.query(`DROP TABLE IF EXISTS digest_deliveries`);
    await q.query(`DROP TABLE IF EXISTS calendar_feeds`);
    await q.query(`DROP INDEX IF EXISTS follow_up_checkpoints_after_closure_idx`);
    // Check-ins of after-closure contacts keep their rows; only the contacts' checkpoints go.
    await q.query(
      `UPDATE checkins SET checkpoint_id = NULL WHERE checkpoint_id IN (SELECT id FROM follow_up_checkpoints WHERE kind <> 'follow_up')`,
    );
    await q.query(`DELETE FROM follow_up_checkpoints WHERE kind <> 'follow_up'`);
    await q.query(`ALTER TABLE follow_up_checkpoints DROP COLUMN kind`);
    await q.query(`ALTER TABLE follow_up_checkpoints DROP COLUMN nominal_on`);
  }
}
