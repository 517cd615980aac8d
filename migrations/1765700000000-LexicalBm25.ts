import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Okapi BM25 for the lexical signal of the search (issue #17 item 3; src/matching/bm25.ts, docs/matching.md §2).
 * - resource_terms: one posting per (resource, term) — the weighted term frequency and the resource's length (the sum of
 *   its frequencies, repeated in each posting so that a score needs no other row). Written by the service in the same
 *   transaction as search_tokens, always all postings of a resource in one INSERT after deleting the old ones; removed
 *   with the resource (ON DELETE CASCADE). Indexed by term (a search without filters reads the postings of the
 *   query's terms) and by resource (replacing; a filtered search reads the postings of the resources that pass).
 * - lexical_corpus: N (resources with postings) and the sum of their lengths (avgdl = sum / N), and lexical_terms: df
 *   per term, kept by statement triggers on resource_terms (transition tables), so that every writer — service,
 *   import, re-indexer, a cascade delete — keeps them current without a scan per search. df counted per search from
 *   the postings instead cost a read of every posting of the query's terms even when a filter leaves 30 resources
 *   (docs/benchmarks.md, "Lexical relevance as Okapi BM25"). A term's row stays at df 0 when its last resource goes.
 * Existing rows get postings here from their search_tokens (title occurrences (weight A) count 2, as
 * BM25_TITLE_WEIGHT) so that the lexical signal works at once; TEXT_RULES_VERSION 2 then makes the worker's
 * TextReindexService rewrite every resource's postings from kuromoji, with the bigrams of unknown words; participants
 * and organisations written without a version (the column default) are written under 2 from now on.
 */
export class LexicalBm251765700000000 implements MigrationInterface {
  name = 'LexicalBm251765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE resource_terms (
        resource_id uuid NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
        term text NOT NULL,
        tf real NOT NULL CHECK (tf > 0),
        doc_length real NOT NULL CHECK (doc_length > 0),
        PRIMARY KEY (resource_id, term)
      )`);
    await q.query(`CREATE INDEX resource_terms_term_idx ON resource_terms (term) INCLUDE (tf, doc_length)`);
    await q.query(`
      CREATE TABLE lexical_corpus (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        documents integer NOT NULL,
        total_length double precision NOT NULL
      )`);
    await q.query(`INSERT INTO lexical_corpus (documents, total_length) VALUES (0, 0)`);
    await q.query(`CREATE TABLE lexical_terms (term text PRIMARY KEY, df integer NOT NULL CHECK (df >= 0))`);
    // A statement adds or removes whole resources (all their postings), so each distinct resource_id is one document.
    await q.query(`
      CREATE FUNCTION lexical_corpus_count() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
          UPDATE lexical_corpus c SET documents = c.documents - d.n, total_length = c.total_length - d.len
            FROM (SELECT count(*) AS n, coalesce(sum(doc_length), 0) AS len
                    FROM (SELECT DISTINCT ON (resource_id) resource_id, doc_length FROM removed) x) d;
          UPDATE lexical_terms t SET df = t.df - d.n
            FROM (SELECT term, count(*) AS n FROM removed GROUP BY term) d WHERE t.term = d.term;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          UPDATE lexical_corpus c SET documents = c.documents + d.n, total_length = c.total_length + d.len
            FROM (SELECT count(*) AS n, coalesce(sum(doc_length), 0) AS len
                    FROM (SELECT DISTINCT ON (resource_id) resource_id, doc_length FROM added) x) d;
          -- in term order, so that two writers lock shared terms in the same order
          INSERT INTO lexical_terms AS t (term, df)
          SELECT term, count(*) FROM added GROUP BY term ORDER BY term
          ON CONFLICT (term) DO UPDATE SET df = t.df + excluded.df;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER resource_terms_corpus_insert AFTER INSERT ON resource_terms
                     REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION lexical_corpus_count()`);
    await q.query(`CREATE TRIGGER resource_terms_corpus_delete AFTER DELETE ON resource_terms
                     REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION lexical_corpus_count()`);
    await q.query(`CREATE TRIGGER resource_terms_corpus_update AFTER UPDATE ON resource_terms
                     REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION lexical_corpus_count()`);
    await q.query(`
      INSERT INTO resource_terms (resource_id, term, tf, doc_length)
      SELECT id, term, tf, sum(tf) OVER (PARTITION BY id)
        FROM (SELECT r.id, x.lexeme AS term, sum(CASE WHEN w = 'A' THEN 2 ELSE 1 END)::real AS tf
                FROM resources r, unnest(r.search_tokens) AS x(lexeme, positions, weights), unnest(x.weights) AS w
               GROUP BY r.id, x.lexeme) t`);
    await q.query(`ANALYZE resource_terms, lexical_terms, lexical_corpus`);
    // Rows written without text_rules take the current version (participants and organisations have no postings).
    await q.query(`ALTER TABLE participants ALTER COLUMN text_rules SET DEFAULT 2`);
    await q.query(`ALTER TABLE organizations ALTER COLUMN text_rules SET DEFAULT 2`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE participants ALTER COLUMN text_rules SET DEFAULT 1`);
    await q.query(`ALTER TABLE organizations ALTER COLUMN text_rules SET DEFAULT 1`);
    await q.query(`DROP TABLE IF EXISTS resource_terms`);
    await q.query(`DROP FUNCTION IF EXISTS lexical_corpus_count()`);
    await q.query(`DROP TABLE IF EXISTS lexical_corpus`);
    await q.query(`DROP TABLE IF EXISTS lexical_terms`);
  }
}
