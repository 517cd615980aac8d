import { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS_BEFORE = [
  'npo',
  'social_welfare_council',
  'social_welfare_corporation',
  'company',
  'farm',
  'shop',
  'neighbourhood_association',
  'municipality',
  'cooperative',
  'disability_service',
  'school',
  'religious',
  'other',
];
const KINDS_ADDED = ['general_incorporated_association', 'medical_corporation', 'commerce_association', 'citizen_group'];
const list = (kinds: string[]) => kinds.map((k) => `'${k}'`).join(', ');

/**
 * Imports of the catalogue (Excel/CSV lists of a 社協, HSDS datasets): the import and its parsed rows live here,
 * not in memory, so that a worker can pick them up and a restart loses nothing. Organisation kinds get the
 * Japanese legal forms (existing codes unchanged), an unknown kind keeps its typed label, and resources and
 * organisations get the identifier of the list they came from, so that a re-import updates instead of duplicating.
 */
export class CatalogueImport1765300000000 implements MigrationInterface {
  name = 'CatalogueImport1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organizations ADD COLUMN kind_label text CHECK (length(kind_label) <= 100)`);
    // Rows written before the list was checked keep what they said, as the label of `other`.
    await q.query(`UPDATE organizations SET kind_label = kind, kind = 'other' WHERE kind NOT IN (${list(KINDS_BEFORE)})`);
    await q.query(
      `ALTER TABLE organizations ADD CONSTRAINT organizations_kind_known CHECK (kind IN (${list([...KINDS_BEFORE, ...KINDS_ADDED])}))`,
    );
    await q.query(`ALTER TABLE organizations ADD COLUMN external_id text CHECK (length(external_id) <= 200)`);
    await q.query(`CREATE UNIQUE INDEX organizations_external_id_key ON organizations (external_id) WHERE external_id IS NOT NULL`);
    await q.query(`CREATE INDEX organizations_search_name_idx ON organizations (search_name)`);
    await q.query(`ALTER TABLE resources ADD COLUMN external_id text CHECK (length(external_id) <= 200)`);
    await q.query(`CREATE UNIQUE INDEX resources_external_id_key ON resources (external_id) WHERE external_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE catalogue_imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        format text NOT NULL CHECK (format IN ('xlsx', 'csv', 'hsds')),
        filename text NOT NULL DEFAULT '',
        status text NOT NULL DEFAULT 'parsing'
          CHECK (status IN ('parsing', 'previewed', 'committing', 'committed', 'failed')),
        progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        file bytea,
        mapping jsonb,
        details jsonb NOT NULL DEFAULT '{}'::jsonb,
        summary jsonb NOT NULL DEFAULT '{}'::jsonb,
        commit_mode text CHECK (commit_mode IN ('all', 'valid_only')),
        error text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        committed_at timestamptz
      )`);
    await q.query(`CREATE INDEX catalogue_imports_status_idx ON catalogue_imports (status)`);
    await q.query(`
      CREATE TABLE catalogue_import_rows (
        import_id uuid NOT NULL REFERENCES catalogue_imports (id) ON DELETE CASCADE,
        row_number integer NOT NULL,
        action text NOT NULL CHECK (action IN ('create', 'update', 'unchanged', 'refused')),
        messages jsonb NOT NULL DEFAULT '[]'::jsonb,
        record jsonb,
        match jsonb,
        PRIMARY KEY (import_id, row_number)
      )`);
    await q.query(`
      CREATE TABLE catalogue_import_headers (
        header text PRIMARY KEY,
        field text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS catalogue_import_headers`);
    await q.query(`DROP TABLE IF EXISTS catalogue_import_rows`);
    await q.query(`DROP TABLE IF EXISTS catalogue_imports`);
    await q.query(`DROP INDEX IF EXISTS resources_external_id_key`);
    await q.query(`ALTER TABLE resources DROP COLUMN IF EXISTS external_id`);
    await q.query(`DROP INDEX IF EXISTS organizations_search_name_idx`);
    await q.query(`DROP INDEX IF EXISTS organizations_external_id_key`);
    await q.query(`ALTER TABLE organizations DROP COLUMN IF EXISTS external_id`);
    await q.query(`ALTER TABLE organizations DROP CONSTRAINT IF EXISTS organizations_kind_known`);
    // The added kinds were not known before: they go back to `other`, their label kept.
    await q.query(`UPDATE organizations SET kind = 'other' WHERE kind IN (${list(KINDS_ADDED)})`);
    await q.query(`ALTER TABLE organizations DROP COLUMN IF EXISTS kind_label`);
  }
}
