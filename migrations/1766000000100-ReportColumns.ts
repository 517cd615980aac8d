import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The fiscal-year report at 1M placement events (bench:reports, docs/benchmarks.md): its transitions and check-ins
 * statements spent most of their time joining each of the year's rows to its placement (100,000 rows hashed per
 * statement) and resource. Each placement event and check-in now carries what those statements read of them:
 *   placement_events.resource_area / resource_type / participant_id / placement_active_at,
 *   checkins.resource_area / resource_type
 * copies of the placement's resource's area and type, the placement's person and the time it became active.
 * They are kept equal to the placement and resource by triggers: set on insert, and rewritten for a placement's
 * rows when its resource, person or active_at changes, and for a resource's placements when its area or type
 * changes (reports count by a resource's current area and type, as before; the drill-down still joins).
 * Erasure (ParticipantRepository.erase) clears free text only, so these copies stay as the report counted them.
 * A restore loads the columns with the rows (the triggers are created after the data, backup/schema-script.ts).
 *
 * Also a partial index with only the transitions the report counts (→ active, → closed): 4 in 5 events of a year
 * are same-state events (notes, follow-up extensions) that the statement used to read and filter out.
 */
export class ReportColumns1766000000100 implements MigrationInterface {
  name = 'ReportColumns1766000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE placement_events ADD COLUMN resource_area text, ADD COLUMN resource_type text, ADD COLUMN participant_id uuid,
        ADD COLUMN placement_active_at timestamptz`,
    );
    await q.query(`ALTER TABLE checkins ADD COLUMN resource_area text, ADD COLUMN resource_type text`);
    await q.query(
      `UPDATE placement_events e SET resource_area = r.area, resource_type = r.type, participant_id = pl.participant_id,
              placement_active_at = pl.active_at
         FROM placements pl JOIN resources r ON r.id = pl.resource_id WHERE pl.id = e.placement_id`,
    );
    await q.query(
      `UPDATE checkins c SET resource_area = r.area, resource_type = r.type
         FROM placements pl JOIN resources r ON r.id = pl.resource_id WHERE pl.id = c.placement_id`,
    );
    await q.query(`
      CREATE FUNCTION placement_events_report_columns() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT r.area, r.type, pl.participant_id, pl.active_at
          INTO NEW.resource_area, NEW.resource_type, NEW.participant_id, NEW.placement_active_at
          FROM placements pl JOIN resources r ON r.id = pl.resource_id WHERE pl.id = NEW.placement_id;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE FUNCTION checkins_report_columns() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT r.area, r.type INTO NEW.resource_area, NEW.resource_type
          FROM placements pl JOIN resources r ON r.id = pl.resource_id WHERE pl.id = NEW.placement_id;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE FUNCTION placements_report_columns() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE placement_events e SET resource_area = r.area, resource_type = r.type, participant_id = NEW.participant_id,
               placement_active_at = NEW.active_at
          FROM resources r WHERE r.id = NEW.resource_id AND e.placement_id = NEW.id;
        UPDATE checkins c SET resource_area = r.area, resource_type = r.type
          FROM resources r WHERE r.id = NEW.resource_id AND c.placement_id = NEW.id
           AND (c.resource_area, c.resource_type) IS DISTINCT FROM (r.area, r.type);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION resources_report_columns() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE placement_events e SET resource_area = NEW.area, resource_type = NEW.type
          FROM placements pl WHERE pl.resource_id = NEW.id AND e.placement_id = pl.id;
        UPDATE checkins c SET resource_area = NEW.area, resource_type = NEW.type
          FROM placements pl WHERE pl.resource_id = NEW.id AND c.placement_id = pl.id;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER placement_events_report_columns BEFORE INSERT OR UPDATE OF placement_id ON placement_events
        FOR EACH ROW EXECUTE FUNCTION placement_events_report_columns()`,
    );
    await q.query(
      `CREATE TRIGGER checkins_report_columns BEFORE INSERT OR UPDATE OF placement_id ON checkins
        FOR EACH ROW EXECUTE FUNCTION checkins_report_columns()`,
    );
    await q.query(
      `CREATE TRIGGER placements_report_columns AFTER UPDATE OF resource_id, participant_id, active_at ON placements
        FOR EACH ROW WHEN (OLD.resource_id IS DISTINCT FROM NEW.resource_id OR OLD.participant_id IS DISTINCT FROM NEW.participant_id
                           OR OLD.active_at IS DISTINCT FROM NEW.active_at)
        EXECUTE FUNCTION placements_report_columns()`,
    );
    await q.query(
      `CREATE TRIGGER resources_report_columns AFTER UPDATE OF area, type ON resources
        FOR EACH ROW WHEN (OLD.area IS DISTINCT FROM NEW.area OR OLD.type IS DISTINCT FROM NEW.type)
        EXECUTE FUNCTION resources_report_columns()`,
    );
    await q.query(
      `CREATE INDEX placement_events_report_transitions_idx ON placement_events (occurred_at)
        WHERE to_state IN ('active', 'closed') AND from_state IS DISTINCT FROM to_state`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX placement_events_report_transitions_idx`);
    await q.query(`DROP TRIGGER resources_report_columns ON resources`);
    await q.query(`DROP TRIGGER placements_report_columns ON placements`);
    await q.query(`DROP TRIGGER checkins_report_columns ON checkins`);
    await q.query(`DROP TRIGGER placement_events_report_columns ON placement_events`);
    await q.query(`DROP FUNCTION resources_report_columns()`);
    await q.query(`DROP FUNCTION placements_report_columns()`);
    await q.query(`DROP FUNCTION checkins_report_columns()`);
    await q.query(`DROP FUNCTION placement_events_report_columns()`);
    await q.query(`ALTER TABLE checkins DROP COLUMN resource_area, DROP COLUMN resource_type`);
    await q.query(
      `ALTER TABLE placement_events DROP COLUMN resource_area, DROP COLUMN resource_type, DROP COLUMN participant_id,
        DROP COLUMN placement_active_at`,
    );
  }
}
