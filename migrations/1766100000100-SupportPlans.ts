import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 参加支援プラン (support plans): one row per plan made for a person — 'initial' (策定) or 'revision' (見直し) — on
 * its Tokyo calendar day `made_on` (策定日), by `coordinator_user_id`, with an optional short note that erasure clears
 * (ParticipantRepository.erase); the row itself stays so that past counts do not change (docs/reports.md).
 *
 * `participant_area` is a copy of the person's area for the report (the プラン策定件数 by 地区), kept equal to the
 * person's current area by triggers as migration ReportColumns does for placement events: set on insert, and
 * rewritten for a person's plans when their area changes. The report reads plans alone, no join to participants.
 */
export class SupportPlans1766100000100 implements MigrationInterface {
  name = 'SupportPlans1766100000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE support_plans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        participant_id uuid NOT NULL REFERENCES participants (id) ON DELETE RESTRICT,
        kind text NOT NULL CHECK (kind IN ('initial', 'revision')),
        made_on date NOT NULL,
        coordinator_user_id uuid REFERENCES users (id),
        note text CHECK (char_length(note) <= 200),
        participant_area text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX support_plans_participant_idx ON support_plans (participant_id, made_on)`);
    await q.query(`CREATE INDEX support_plans_made_on_idx ON support_plans (made_on)`);
    await q.query(`
      CREATE FUNCTION support_plans_report_columns() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT pa.area INTO NEW.participant_area FROM participants pa WHERE pa.id = NEW.participant_id;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE FUNCTION participants_plan_area() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE support_plans SET participant_area = NEW.area WHERE participant_id = NEW.id;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER support_plans_report_columns BEFORE INSERT OR UPDATE OF participant_id ON support_plans
        FOR EACH ROW EXECUTE FUNCTION support_plans_report_columns()`,
    );
    await q.query(
      `CREATE TRIGGER participants_plan_area AFTER UPDATE OF area ON participants
        FOR EACH ROW WHEN (OLD.area IS DISTINCT FROM NEW.area) EXECUTE FUNCTION participants_plan_area()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER participants_plan_area ON participants`);
    await q.query(`DROP TRIGGER support_plans_report_columns ON support_plans`);
    await q.query(`DROP FUNCTION participants_plan_area()`);
    await q.query(`DROP FUNCTION support_plans_report_columns()`);
    await q.query(`DROP TABLE support_plans`);
  }
}
