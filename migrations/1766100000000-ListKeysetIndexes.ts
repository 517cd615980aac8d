import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes in the exact order of the large lists (docs/lists.md), so that a page by cursor is one index range read
 * from the cursor's key with no sort, and the planner keeps the joins of a page to its `limit` rows
 * (EXPLAIN (ANALYZE, BUFFERS) in docs/benchmarks.md, "Lists").
 */
export class ListKeysetIndexes1766100000000 implements MigrationInterface {
  name = 'ListKeysetIndexes1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX resources_list_idx ON resources (created_at DESC, id)`);
    await q.query(`CREATE INDEX participants_list_idx ON participants (created_at DESC, id) WHERE erased_at IS NULL`);
    await q.query(`CREATE INDEX placements_list_idx ON placements (proposed_at DESC, id)`);
    await q.query(`CREATE INDEX audit_log_list_idx ON audit_log (at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS audit_log_list_idx`);
    await q.query(`DROP INDEX IF EXISTS placements_list_idx`);
    await q.query(`DROP INDEX IF EXISTS participants_list_idx`);
    await q.query(`DROP INDEX IF EXISTS resources_list_idx`);
  }
}
