import { MigrationInterface, QueryRunner } from 'typeorm';

/** Append-only audit log of participant data access, coordinator areas, host feedback on checkpoints. */
export class Access1764300000000 implements MigrationInterface {
  name = 'Access1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        token_id uuid,
        role text NOT NULL,
        action text NOT NULL CHECK (action IN ('read', 'write', 'export', 'erase')),
        participant_id uuid NOT NULL,
        fields text[] NOT NULL DEFAULT '{}',
        route text NOT NULL
      )`);
    await q.query(`CREATE INDEX audit_log_participant_idx ON audit_log (participant_id, at)`);
    await q.query(`CREATE INDEX audit_log_at_idx ON audit_log (at)`);
    // Append-only, enforced by the database itself: no UPDATE, no DELETE, no TRUNCATE.
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only';
      END $$`);
    await q.query(
      `CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`,
    );
    await q.query(
      `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`,
    );
    await q.query(`ALTER TABLE api_tokens ADD COLUMN areas text[]`);
    await q.query(`ALTER TABLE follow_up_checkpoints ADD COLUMN host_feedback text, ADD COLUMN host_feedback_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE follow_up_checkpoints DROP COLUMN IF EXISTS host_feedback, DROP COLUMN IF EXISTS host_feedback_at`);
    await q.query(`ALTER TABLE api_tokens DROP COLUMN IF EXISTS areas`);
    await q.query(`DROP TABLE IF EXISTS audit_log`);
    await q.query(`DROP FUNCTION IF EXISTS audit_log_append_only()`);
  }
}
