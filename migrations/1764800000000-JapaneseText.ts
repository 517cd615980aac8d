import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Japanese text normalisation (src/common/japanese/normalize.ts) for the `q` filters and the lexical index.
 * - resources.search_text / organizations.search_name: the normalised text the `q` filters read with ILIKE.
 *   Normalised in a stored column rather than by an expression at query time: the normaliser (long-vowel
 *   repair, 異体字 table) lives in TypeScript and is not repeated in SQL.
 * - text_rules: the TEXT_RULES_VERSION a row was indexed with. Here existing rows get NFKC only (PostgreSQL's
 *   normalize()) so that `q` works at once; the worker's TextReindexService then re-indexes every row below the
 *   current version (search_tokens, search_text, hashes) and marks for re-embedding only rows whose embedded
 *   text changed. Organisations and participants written from now on are written under rules 1 (the default);
 *   resources set it with their lexical index.
 */
export class JapaneseText1764800000000 implements MigrationInterface {
  name = 'JapaneseText1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE resources ADD COLUMN search_text text NOT NULL DEFAULT '',
                                      ADD COLUMN text_rules smallint NOT NULL DEFAULT 0`);
    await q.query(`UPDATE resources
                     SET search_text = normalize(title || E'\\n' || description || E'\\n' || array_to_string(tasks, ' '), NFKC)`);
    await q.query(`ALTER TABLE organizations ADD COLUMN search_name text NOT NULL DEFAULT '',
                                          ADD COLUMN text_rules smallint NOT NULL DEFAULT 0`);
    await q.query(`UPDATE organizations SET search_name = normalize(name, NFKC)`);
    await q.query(`ALTER TABLE organizations ALTER COLUMN text_rules SET DEFAULT 1`);
    await q.query(`ALTER TABLE participants ADD COLUMN text_rules smallint NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE participants ALTER COLUMN text_rules SET DEFAULT 1`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE participants DROP COLUMN IF EXISTS text_rules`);
    await q.query(`ALTER TABLE organizations DROP COLUMN IF EXISTS search_name, DROP COLUMN IF EXISTS text_rules`);
    await q.query(`ALTER TABLE resources DROP COLUMN IF EXISTS search_text, DROP COLUMN IF EXISTS text_rules`);
  }
}
