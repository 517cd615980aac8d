import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The version of the counting rules each monthly snapshot was made with (REPORT_RULES_VERSION in
 * src/reports/report.figures.ts). Snapshots taken before versions existed were made with version 1.
 * No default afterwards: every new snapshot must say which rules made it.
 */
export class ReportRulesVersion1764800000001 implements MigrationInterface {
  name = 'ReportRulesVersion1764800000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE report_snapshots ADD COLUMN rules_version integer NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE report_snapshots ALTER COLUMN rules_version DROP DEFAULT`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE report_snapshots DROP COLUMN IF EXISTS rules_version`);
  }
}
