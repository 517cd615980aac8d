import { MigrationInterface, QueryRunner } from 'typeorm';

/** Outbox columns for the optional outbound webhook (e-mail / chat integration). */
export class Webhooks1764400000000 implements MigrationInterface {
  name = 'Webhooks1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications ADD COLUMN delivered_at timestamptz, ADD COLUMN delivery_error text`);
    await q.query(`CREATE INDEX notifications_undelivered_idx ON notifications (created_at) WHERE delivered_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS notifications_undelivered_idx`);
    await q.query(`ALTER TABLE notifications DROP COLUMN IF EXISTS delivered_at, DROP COLUMN IF EXISTS delivery_error`);
  }
}
