import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Change detection for the in-process vector index (src/matching/vector-index.ts): each resource row carries the
 * transaction id (xid8) of the last write that changed what a search reads from the index — status, embedding,
 * model, and the hard-filter columns. An API process reads `WHERE search_changed >= <xmin of its last snapshot>`:
 * every transaction its last read could not see has an id at or above that snapshot's xmin, so a delta read never
 * misses a write that committed late (a plain counter or timestamp would: it is taken before the commit).
 * Writes that touch none of those columns (texts re-tokenised, updated_at) keep the old id, so they cost no reload.
 * Rows written before this migration keep 0: only a full load reads them.
 */
export class SearchChanges1765600000000 implements MigrationInterface {
  name = 'SearchChanges1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE resources ADD COLUMN search_changed xid8 NOT NULL DEFAULT '0'`);
    await q.query(`CREATE INDEX resources_search_changed_idx ON resources (search_changed)`);
    await q.query(`
      CREATE FUNCTION resources_search_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          -- A restore (or an export loaded elsewhere) brings its rows' ids along, so the tables come back unchanged
          -- (backup checksums); ids beyond the new server's are re-stamped at start (restampFutureSearchChanges).
          IF NEW.search_changed = '0'::xid8 THEN
            NEW.search_changed := pg_current_xact_id();
          END IF;
        ELSIF NEW.status IS DISTINCT FROM OLD.status
           OR NEW.embedding_status IS DISTINCT FROM OLD.embedding_status
           OR NEW.embedding_model IS DISTINCT FROM OLD.embedding_model
           OR NEW.embedding IS DISTINCT FROM OLD.embedding
           OR NEW.type IS DISTINCT FROM OLD.type
           OR NEW.area IS DISTINCT FROM OLD.area
           OR NEW.schedule_days IS DISTINCT FROM OLD.schedule_days
           OR NEW.access_minutes IS DISTINCT FROM OLD.access_minutes
           OR NEW.accommodations IS DISTINCT FROM OLD.accommodations
           OR NEW.vacancies IS DISTINCT FROM OLD.vacancies THEN
          NEW.search_changed := pg_current_xact_id();
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER resources_search_changed BEFORE INSERT OR UPDATE ON resources
         FOR EACH ROW EXECUTE FUNCTION resources_search_changed()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS resources_search_changed ON resources`);
    await q.query(`DROP FUNCTION IF EXISTS resources_search_changed()`);
    await q.query(`DROP INDEX IF EXISTS resources_search_changed_idx`);
    await q.query(`ALTER TABLE resources DROP COLUMN IF EXISTS search_changed`);
  }
}
