import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Storage for filtered searches at catalogue scale (docs/benchmarks.md, "Search").
 * - Vectors inline: pgvector stores them EXTERNAL, and a resource row (~3 kB) is over the 2 kB TOAST
 *   threshold, so every vector lived in the TOAST table and an exact search paid a TOAST lookup per row.
 *   A row target of 8160 bytes keeps rows whole; PLAIN keeps the vector in the row even when a long
 *   description has to go out of line.
 * - No GIN index on schedule_days: a day filter matches 40–70 % of resources, so its bitmap cost more
 *   (11 ms at 100,000) than checking the array on the rows read anyway.
 * - fastupdate off on the lexical GIN index: the embedded database has no autovacuum to merge the
 *   pending list, so every search would scan up to 4 MB of unsorted entries.
 */
export class SearchStorage1764500000000 implements MigrationInterface {
  name = 'SearchStorage1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE resources SET (toast_tuple_target = 8160)`);
    await q.query(`ALTER TABLE resources ALTER COLUMN embedding SET STORAGE PLAIN`);
    // A new value (not the stored TOAST pointer) makes PostgreSQL write the vector into the row.
    await q.query(`UPDATE resources SET embedding = embedding::real[]::vector WHERE embedding IS NOT NULL`);
    await q.query(`DROP INDEX IF EXISTS resources_schedule_days_idx`);
    await q.query(`ALTER INDEX resources_search_tokens_idx SET (fastupdate = off)`);
    await q.query(`SELECT gin_clean_pending_list('resources_search_tokens_idx')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER INDEX resources_search_tokens_idx RESET (fastupdate)`);
    await q.query(`CREATE INDEX IF NOT EXISTS resources_schedule_days_idx ON resources USING gin (schedule_days)`);
    await q.query(`ALTER TABLE resources ALTER COLUMN embedding SET STORAGE EXTERNAL`);
    await q.query(`ALTER TABLE resources RESET (toast_tuple_target)`);
  }
}
