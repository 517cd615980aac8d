/**
 * A consistent SQL dump read over the ordinary connection, inside one REPEATABLE READ READ ONLY
 * transaction: every table as of one instant. On a real PostgreSQL this blocks nobody (MVCC). The
 * embedded database is a single session, so there the transaction holds it for the whole read and
 * the API's queries wait meanwhile (measured: docs/benchmarks.md "Backup").
 */
import type { Client } from 'pg';
import { performance } from 'node:perf_hooks';
import {
  DATA_END,
  DATA_PREFIX,
  FORMAT_VERSION,
  HEADER_PREFIX,
  STATEMENT_END,
  TRAILER_PREFIX,
  ident,
  literal,
  type DumpHeader,
} from './backup-file';
import { createdTables, schemaScript } from './schema-script';

/** Rows per INSERT: big enough for fast loading, small enough for psql and the embedded server. */
const ROWS_PER_INSERT = 500;

/** Session settings for reading and for loading: text forms that round-trip exactly. */
const SESSION_SETTINGS = [
  `SET client_encoding = 'UTF8'`,
  `SET standard_conforming_strings = on`,
  `SET TimeZone = 'UTC'`,
  `SET DateStyle = 'ISO, YMD'`,
  `SET IntervalStyle = 'postgres'`,
  `SET extra_float_digits = 3`,
];
/** Only for loading. */
const LOAD_SETTINGS = [
  `SET statement_timeout = 0`,
  `SET lock_timeout = 0`,
  `SET check_function_bodies = false`,
  `SET client_min_messages = warning`,
];

export interface DumpResult {
  rows: Record<string, number>;
  /** How long the source was held in the read transaction (on the embedded database: how long the API waited). */
  lockedMs: number;
  statements: number;
  header: DumpHeader;
}

type Write = (text: string) => Promise<void>;

interface TableInfo {
  name: string;
  columns: string[];
}

export async function writeDump(client: Client, write: Write, meta: { source: DumpHeader['source']; reason: string }): Promise<DumpResult> {
  for (const sql of SESSION_SETTINGS) await client.query(sql);
  const t0 = performance.now();
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  let statements = 0;
  const statement = async (sql: string) => {
    statements++;
    await write(`${sql}\n${STATEMENT_END}\n`);
  };
  try {
    const applied = await appliedMigrations(client);
    const schema = await schemaScript(applied);
    const tables = await listTables(client);
    const known = createdTables(schema);
    const unknown = tables.filter((t) => !known.has(t.name)).map((t) => t.name);
    if (unknown.length) throw new Error(`マイグレーションにない表があります: ${unknown.join(', ')} (tables not created by migrations)`);
    const { order, selfReferences } = await loadOrder(client, tables);
    const sequences = await client.query<{ name: string; value: string | null }>(
      `SELECT sequencename AS name, last_value::text AS value FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename`,
    );
    const serverVersion = (await client.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0].v;
    const header: DumpHeader = {
      format: FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      source: meta.source,
      serverVersion,
      migrations: applied,
      reason: meta.reason,
    };

    await write(`${HEADER_PREFIX}${JSON.stringify(header)}\n`);
    await write(
      `-- 参加支援マッチングサービスのバックアップ (SQL). Load into an empty database: psql -v ON_ERROR_STOP=1 -f FILE, or npm run restore -- FILE\n`,
    );
    for (const sql of [...SESSION_SETTINGS, ...LOAD_SETTINGS]) await statement(sql);
    await statement('BEGIN');
    await write('-- schema (from the migrations)\n');
    for (const sql of schema.before) await statement(sql);
    // A placement may point at one dumped after it (rematched_to): check such references at the end.
    for (const fk of selfReferences)
      await statement(`ALTER TABLE ${ident(fk.table)} ALTER CONSTRAINT ${ident(fk.name)} DEFERRABLE INITIALLY DEFERRED`);
    const rows: Record<string, number> = {};
    for (const table of order) rows[table.name] = await dumpTable(client, table, write, () => statements++);
    await write(`${DATA_END}\n`);
    if (selfReferences.length) await statement('SET CONSTRAINTS ALL IMMEDIATE');
    for (const fk of selfReferences) await statement(`ALTER TABLE ${ident(fk.table)} ALTER CONSTRAINT ${ident(fk.name)} NOT DEFERRABLE`);
    await write('-- indexes\n');
    for (const sql of schema.after) await statement(sql);
    for (const seq of sequences.rows) {
      const call =
        seq.value === null
          ? `${literal(`public.${ident(seq.name)}`)}, 1, false`
          : `${literal(`public.${ident(seq.name)}`)}, ${seq.value}, true`;
      await statement(`SELECT pg_catalog.setval(${call})`);
    }
    await statement('COMMIT');
    await client.query('COMMIT');
    const lockedMs = performance.now() - t0;
    await write(`${TRAILER_PREFIX}${JSON.stringify({ rows, statements })}\n`);
    return { rows, lockedMs, statements, header };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

async function appliedMigrations(client: Client): Promise<string[]> {
  const exists = await client.query(`SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = 'schema_migrations'`);
  if (!exists.rowCount) throw new Error('データベースにスキーマがありません（マイグレーション未実行） (no schema to back up)');
  const result = await client.query<{ name: string }>(`SELECT name FROM schema_migrations ORDER BY timestamp, id`);
  return result.rows.map((r) => r.name);
}

async function listTables(client: Client): Promise<TableInfo[]> {
  const result = await client.query<{ table: string; columns: string[] }>(`
    SELECT c.relname AS table, array_agg(a.attname::text ORDER BY a.attnum) AS columns
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
     GROUP BY c.relname ORDER BY c.relname`);
  return result.rows.map((r) => ({ name: r.table, columns: r.columns }));
}

/** Referenced tables first; references of a table to itself are deferred instead. */
async function loadOrder(
  client: Client,
  tables: TableInfo[],
): Promise<{ order: TableInfo[]; selfReferences: Array<{ table: string; name: string }> }> {
  const fks = await client.query<{ name: string; child: string; parent: string }>(`
    SELECT con.conname AS name, ch.relname AS child, pa.relname AS parent
      FROM pg_constraint con
      JOIN pg_class ch ON ch.oid = con.conrelid
      JOIN pg_class pa ON pa.oid = con.confrelid
      JOIN pg_namespace n ON n.oid = ch.relnamespace
     WHERE con.contype = 'f' AND n.nspname = 'public'`);
  const parents = new Map<string, Set<string>>(tables.map((t) => [t.name, new Set<string>()]));
  const selfReferences: Array<{ table: string; name: string }> = [];
  for (const fk of fks.rows) {
    if (fk.child === fk.parent) selfReferences.push({ table: fk.child, name: fk.name });
    else parents.get(fk.child)?.add(fk.parent);
  }
  const order: TableInfo[] = [];
  const done = new Set<string>();
  const byName = new Map(tables.map((t) => [t.name, t]));
  while (order.length < tables.length) {
    const ready = tables.filter((t) => !done.has(t.name) && [...parents.get(t.name)!].every((p) => done.has(p) || !byName.has(p)));
    if (!ready.length) throw new Error('foreign keys form a cycle between tables: cannot order the dump');
    for (const t of ready) {
      done.add(t.name);
      order.push(t);
    }
  }
  return { order, selfReferences };
}

async function dumpTable(client: Client, table: TableInfo, write: Write, countStatement: () => void): Promise<number> {
  const count = await client.query<{ n: string }>(`SELECT count(*)::bigint AS n FROM ONLY public.${ident(table.name)}`);
  const expected = Number(count.rows[0].n);
  await write(`${DATA_PREFIX}"${table.name}" ${expected}\n`);
  const columns = table.columns.map(ident).join(', ');
  const select = table.columns.map((c) => `${ident(c)}::text`).join(', ');
  await client.query(`DECLARE sanka_dump NO SCROLL CURSOR FOR SELECT ${select} FROM ONLY public.${ident(table.name)}`);
  let total = 0;
  try {
    for (;;) {
      const batch = await client.query<string[]>({ text: `FETCH ${ROWS_PER_INSERT} FROM sanka_dump`, rowMode: 'array' });
      if (!batch.rows.length) break;
      const values = batch.rows.map((row) => `(${row.map((v) => literal(v)).join(', ')})`).join(',\n');
      countStatement();
      await write(`INSERT INTO public.${ident(table.name)} (${columns}) VALUES\n${values}\n${STATEMENT_END}\n`);
      total += batch.rows.length;
    }
  } finally {
    await client.query('CLOSE sanka_dump');
  }
  if (total !== expected) throw new Error(`row count of ${table.name} changed during the dump (${expected} → ${total})`);
  return total;
}
