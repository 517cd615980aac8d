import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Work belongs to persons: the service now writes only the user columns (coordinator_user_id,
 * recipient_user_id, actor_user_id); the old token columns stay for history and the way back.
 *
 * Between the accounts migration and this one the service still wrote token ids into coordinator_id
 * and recipient_token_id. Those rows get the token's owner now (nothing is guessed: a token without an
 * owner leaves the person unassigned, so the area's coordinators are told).
 *
 * Read state becomes per reader: a notification may concern several people (the area's coordinators and
 * the admins), and one of them reading it must not mark it read for the others. notifications.read_at keeps
 * the reads made before this migration and still counts as read for everyone.
 *
 * users.organization_admin: a host's staff member who may invite colleagues of their own organisation.
 */
export class PersonsAtWork1765100000000 implements MigrationInterface {
  name = 'PersonsAtWork1765100000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['participants', 'placements']) {
      await q.query(`
        UPDATE ${table} x SET coordinator_user_id = t.user_id FROM api_tokens t
         WHERE x.coordinator_user_id IS NULL AND x.coordinator_id = t.id AND t.user_id IS NOT NULL`);
    }
    await q.query(`
      UPDATE notifications n SET recipient_user_id = t.user_id FROM api_tokens t
       WHERE n.recipient_user_id IS NULL AND n.recipient_token_id = t.id AND t.user_id IS NOT NULL`);
    // reader_id: the user, or for callers without one the token id (ADMIN_TOKEN: the nil uuid). No foreign key
    // for that reason; rows go with their notification.
    await q.query(`
      CREATE TABLE notification_reads (
        notification_id uuid NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
        reader_id uuid NOT NULL,
        read_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (notification_id, reader_id)
      )`);
    await q.query(`CREATE INDEX notifications_placement_idx ON notifications (placement_id, created_at DESC)`);
    // A host's own staff administrator: may invite colleagues of the same organisation (host staff only).
    await q.query(`ALTER TABLE users ADD COLUMN organization_admin boolean NOT NULL DEFAULT false,
      ADD CONSTRAINT users_organization_admin_is_host CHECK (NOT organization_admin OR role = 'host')`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The user columns filled in above stay (the accounts migration's down drops them); reads since are lost.
    await q.query(`ALTER TABLE users DROP COLUMN IF EXISTS organization_admin`);
    await q.query(`DROP INDEX IF EXISTS notifications_placement_idx`);
    await q.query(`DROP TABLE IF EXISTS notification_reads`);
  }
}
