import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a catalogue import brought in, and what hosts keep current (docs/hsds.md「取り込みと受入先の更新」, docs/reports.md).
 * - organizations.origin / resources.origin: 'screen' (registered in the service: 開拓) or 'import' (an existing list
 *   brought in). organizations.developed / resources.developed: counted as 開拓 in the reports; false for what an
 *   import created, until the coordinator marks the organisation as really developed (its resources follow).
 *   Rows an import already created are found by their creation time: the commit writes them and stamps the import's
 *   committed_at in one transaction, so created_at = committed_at.
 * - resources.import_baseline: the live fields (vacancies, status) as the last import wrote them. A re-import leaves a
 *   live field alone when it differs from this (the host or a placement changed it since).
 * - catalogue_import_rows.changes / title / host: what the preview shows per row (field old → new, the activity).
 */
export class ImportOrigin1766000000300 implements MigrationInterface {
  name = 'ImportOrigin1766000000300';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['organizations', 'resources']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN origin text NOT NULL DEFAULT 'screen'`);
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_origin_known CHECK (origin IN ('screen', 'import'))`);
      await q.query(`ALTER TABLE ${table} ADD COLUMN developed boolean NOT NULL DEFAULT true`);
      await q.query(
        `UPDATE ${table} SET origin = 'import', developed = false
          WHERE created_at IN (SELECT committed_at FROM catalogue_imports WHERE status = 'committed' AND committed_at IS NOT NULL)`,
      );
    }
    await q.query(`ALTER TABLE resources ADD COLUMN import_baseline jsonb`);
    await q.query(`ALTER TABLE catalogue_import_rows ADD COLUMN changes jsonb NOT NULL DEFAULT '[]'::jsonb`);
    await q.query(`ALTER TABLE catalogue_import_rows ADD COLUMN title text`);
    await q.query(`ALTER TABLE catalogue_import_rows ADD COLUMN host text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE catalogue_import_rows DROP COLUMN IF EXISTS host`);
    await q.query(`ALTER TABLE catalogue_import_rows DROP COLUMN IF EXISTS title`);
    await q.query(`ALTER TABLE catalogue_import_rows DROP COLUMN IF EXISTS changes`);
    await q.query(`ALTER TABLE resources DROP COLUMN IF EXISTS import_baseline`);
    for (const table of ['resources', 'organizations']) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN IF EXISTS developed`);
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT IF EXISTS ${table}_origin_known`);
      await q.query(`ALTER TABLE ${table} DROP COLUMN IF EXISTS origin`);
    }
  }
}
