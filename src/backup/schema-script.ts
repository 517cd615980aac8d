/**
 * The schema part of a dump: the DDL of the migrations the source database has applied, recorded by
 * running their `up` against a recorder instead of a database. One source of truth for the schema
 * (the migrations), and a dump that any PostgreSQL >= 15 with pgvector can load with psql.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { MIGRATIONS } from '../database/data-source';

export interface SchemaScript {
  /** Tables, columns, constraints, functions: before the data. */
  before: string[];
  /** Index builds (HNSW, GIN, …), where building once after the data is far faster, and triggers, as pg_dump places
   *  them: the rows come back as they were, not as a trigger would rewrite them on insert (the BM25 statistics of
   *  migration LexicalBm25 would count every restored posting a second time). */
  after: string[];
}

/** TypeORM's own table, as its migration runner creates it. */
const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "schema_migrations" ("id" SERIAL NOT NULL, "timestamp" bigint NOT NULL,
  "name" character varying NOT NULL, CONSTRAINT "PK_schema_migrations" PRIMARY KEY ("id"))`;
const POST_DATA_DDL = /^\s*(CREATE\s+(UNIQUE\s+)?INDEX|ALTER\s+INDEX|CREATE\s+(OR\s+REPLACE\s+)?(CONSTRAINT\s+)?TRIGGER)\b/i;
/** Data changes and maintenance in migrations (back-fills, seeds, gin_clean_pending_list) are not schema:
 *  the data section carries the rows. */
const DATA_DML = /^\s*(INSERT|UPDATE|DELETE|WITH|SELECT|VACUUM|ANALYZE)\b/i;

function recorder(statements: string[]): QueryRunner {
  const target = {
    query: async (sql: string, params?: unknown[]) => {
      if (params?.length) throw new Error('a migration with query parameters cannot be written into a dump');
      statements.push(sql.trim());
      return [];
    },
  };
  // Any other QueryRunner call (createTable, …) would not be recorded: fail loudly instead of dumping an incomplete schema.
  return new Proxy(target, {
    get(obj, prop) {
      if (prop in obj) return obj[prop as keyof typeof obj];
      if (prop === 'then') return undefined;
      throw new Error(`migration uses QueryRunner.${String(prop)}: only query() can be recorded into a dump`);
    },
  }) as unknown as QueryRunner;
}

/** The schema of a database that applied exactly `applied` (migration names, in order). */
export async function schemaScript(applied: string[]): Promise<SchemaScript> {
  const byName = new Map(MIGRATIONS.map((M) => [new M().name ?? M.name, M]));
  const statements: string[] = [];
  for (const name of applied) {
    const Migration = byName.get(name);
    if (!Migration) {
      throw new Error(
        `データベースに、このバージョンのサービスが知らないマイグレーション ${name} があります: 新しいバージョンでバックアップしてください (unknown migration ${name})`,
      );
    }
    await (new Migration() as MigrationInterface).up(recorder(statements));
  }
  const before = [MIGRATIONS_TABLE];
  const after: string[] = [];
  for (const sql of statements) {
    if (DATA_DML.test(sql)) continue;
    (POST_DATA_DDL.test(sql) ? after : before).push(sql);
  }
  for (const sql of [...before, ...after]) {
    if (sql.split('\n').some((line) => line.trim() === ';'))
      throw new Error(`a migration statement contains a line with only ';': ${sql.slice(0, 80)}`);
  }
  return { before, after };
}

/** Table names the schema script creates (checked against the source before dumping). */
export function createdTables(script: SchemaScript): Set<string> {
  const names = new Set<string>();
  for (const sql of script.before) {
    const m = /^\s*CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?"?([a-z_][a-z0-9_]*)"?/i.exec(sql);
    if (m) names.add(m[1]);
  }
  return names;
}
