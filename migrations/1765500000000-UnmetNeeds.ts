import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The unmet-needs register (受入先の開拓のための記録): a need no resource met, in the coordinator's own short,
 * non-identifying words — never the person's needs text and no link to the person, so it holds no personal data.
 * Also the consent date on each consent event, so the history shows the day the person agreed, not only when it was typed in.
 */
export class UnmetNeeds1765500000000 implements MigrationInterface {
  name = 'UnmetNeeds1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE unmet_needs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        area text NOT NULL,
        resource_type text,
        summary text NOT NULL,
        recorded_by_user_id uuid,
        recorded_by_token_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX unmet_needs_created_at_idx ON unmet_needs (created_at)`);
    await q.query(`CREATE INDEX unmet_needs_area_idx ON unmet_needs (area)`);
    await q.query(`ALTER TABLE consent_events ADD COLUMN consent_date date`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE consent_events DROP COLUMN IF EXISTS consent_date`);
    await q.query(`DROP TABLE IF EXISTS unmet_needs`);
  }
}
