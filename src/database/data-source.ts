import { DataSource, type DataSourceOptions } from 'typeorm';
import { Catalogue1764000000000 } from '../../migrations/1764000000000-Catalogue';
import { Placements1764100000000 } from '../../migrations/1764100000000-Placements';
import { Reports1764200000000 } from '../../migrations/1764200000000-Reports';
import { Access1764300000000 } from '../../migrations/1764300000000-Access';
import { Webhooks1764400000000 } from '../../migrations/1764400000000-Webhooks';
import { SearchStorage1764500000000 } from '../../migrations/1764500000000-SearchStorage';
import { Accounts1764700000000 } from '../../migrations/1764700000000-Accounts';
import { JapaneseText1764800000000 } from '../../migrations/1764800000000-JapaneseText';
import { ReportRulesVersion1764800000001 } from '../../migrations/1764800000001-ReportRulesVersion';
import { Hygiene1764850000000 } from '../../migrations/1764850000000-Hygiene';
import { BackupRuns1764900000000 } from '../../migrations/1764900000000-BackupRuns';
import { PersonsAtWork1765100000000 } from '../../migrations/1765100000000-PersonsAtWork';
import { CatalogueImport1765300000000 } from '../../migrations/1765300000000-CatalogueImport';
import { FollowUpCalendar1765400000000 } from '../../migrations/1765400000000-FollowUpCalendar';
import { UnmetNeeds1765500000000 } from '../../migrations/1765500000000-UnmetNeeds';
import { SearchChanges1765600000000 } from '../../migrations/1765600000000-SearchChanges';
import { LexicalBm251765700000000 } from '../../migrations/1765700000000-LexicalBm25';
import { ReportColumns1766000000100 } from '../../migrations/1766000000100-ReportColumns';
import { ImportOrigin1766000000300 } from '../../migrations/1766000000300-ImportOrigin';
import { ResourceConcepts1766100000000 } from '../../migrations/1766100000000-ResourceConcepts';
import { SupportPlans1766100000100 } from '../../migrations/1766100000100-SupportPlans';
import { ApiTokenEntity } from '../auth/api-token.entity';
import { updateReturning } from '../common/sql';
import { OrganizationEntity } from '../organizations/organization.entity';
import { ResourceEntity } from '../resources/resource.entity';

export const ENTITIES = [OrganizationEntity, ResourceEntity, ApiTokenEntity];
export const MIGRATIONS = [
  Catalogue1764000000000,
  Placements1764100000000,
  Reports1764200000000,
  Access1764300000000,
  Webhooks1764400000000,
  SearchStorage1764500000000,
  Accounts1764700000000,
  JapaneseText1764800000000,
  ReportRulesVersion1764800000001,
  Hygiene1764850000000,
  BackupRuns1764900000000,
  PersonsAtWork1765100000000,
  CatalogueImport1765300000000,
  FollowUpCalendar1765400000000,
  UnmetNeeds1765500000000,
  SearchChanges1765600000000,
  LexicalBm251765700000000,
  ReportColumns1766000000100,
  ImportOrigin1766000000300,
  ResourceConcepts1766100000000,
  SupportPlans1766100000100,
];

export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    migrationsRun: false,
    extra: { max: 10, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 10_000 },
  };
}

/** Arbitrary constant: serialises migrations when several processes start together. */
const MIGRATION_LOCK_ID = 746_203_118;

export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await runner.release();
  }
}

export async function verifyPgvector(dataSource: DataSource): Promise<string> {
  const rows: Array<{ extversion: string }> = await dataSource.query(`SELECT extversion FROM pg_extension WHERE extname = 'vector'`);
  const version = rows[0]?.extversion;
  const [major, minor] = (version ?? '0.0').split('.').map(Number);
  if (!version || (major === 0 && minor < 8)) {
    throw new Error(
      `pgvector >= 0.8 が必要です (found: ${version ?? 'none'}). DATABASE_URL のサーバーに pgvector 0.8 以上を入れてください。`,
    );
  }
  return version;
}

/**
 * Rows whose search_changed (migration SearchChanges) is beyond this server's transaction ids came from another
 * server (a restore, an export): stamped with the current transaction, else every search's change check would keep
 * reading them (src/matching/vector-index.ts). Nothing to do, and an index probe, on every other start.
 */
export async function restampFutureSearchChanges(dataSource: DataSource): Promise<number> {
  const rows = await updateReturning(
    dataSource,
    `UPDATE resources SET search_changed = pg_current_xact_id()
      WHERE search_changed >= pg_snapshot_xmax(pg_current_snapshot()) RETURNING 1`,
    [],
  );
  return rows.length;
}

/** Applies pending migrations (serialised across processes) and checks pgvector. */
export async function prepareDatabase(url: string): Promise<{ applied: string[]; pgvector: string }> {
  const dataSource = new DataSource(dataSourceOptions(url));
  await dataSource.initialize();
  try {
    const applied = await runMigrations(dataSource);
    await restampFutureSearchChanges(dataSource);
    return { applied, pgvector: await verifyPgvector(dataSource) };
  } finally {
    await dataSource.destroy();
  }
}
