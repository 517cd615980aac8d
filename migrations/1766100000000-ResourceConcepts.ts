import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * resources.concepts: the participation-support concepts a resource is about (src/matching/understanding/concepts.ts;
 * docs/matching.md §8), written with the lexical index by every writer. Existing rows get theirs from the re-indexer:
 * TEXT_RULES_VERSION 3 marks every row indexed under version 2 as outdated.
 */
export class ResourceConcepts1766100000000 implements MigrationInterface {
  name = 'ResourceConcepts1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE resources ADD COLUMN concepts text[] NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE resources DROP COLUMN IF EXISTS concepts`);
  }
}
