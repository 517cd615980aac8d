import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * Planner statistics for a database without autovacuum. The embedded PostgreSQL (PGlite) runs
 * no autovacuum launcher, so without this its planner never learns table sizes and, for
 * instance, does not use the HNSW index for an unfiltered search (docs/benchmarks.md, search).
 *
 * What counts as changed: autovacuum's own rule (more than 50 rows + 10 % modified since the last
 * ANALYZE, from `n_mod_since_analyze`), or a table never analysed that holds data, or a table that
 * grew by more than 10 % of its pages since the last ANALYZE (`relpages`). PGlite keeps no
 * modification counters (`n_mod_since_analyze` stays 0 and is lost at a restart), and without
 * VACUUM every insert and update there adds pages, so the page rule is what notices a bulk load.
 */
@Injectable()
export class PlannerStatisticsRepository {
  private running: Promise<string[]> | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** True when nothing else keeps the statistics fresh (no autovacuum launcher is running). */
  async needsManualAnalyze(): Promise<boolean> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'autovacuum launcher'`);
    return row.n === 0;
  }

  /** Tables (schema-qualified, quoted) whose statistics no longer describe them. One catalogue query, no table read. */
  async changedTables(): Promise<string[]> {
    const rows: Array<{ name: string }> = await this.dataSource.query(
      `SELECT format('%I.%I', s.schemaname, s.relname) AS name
         FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
        WHERE (c.reltuples < 0 AND pg_relation_size(c.oid) > 0)
           OR s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)
           OR pg_relation_size(c.oid) / current_setting('block_size')::int > c.relpages + greatest(8, 0.1 * c.relpages)
        ORDER BY 1`,
    );
    return rows.map((r) => r.name);
  }

  /**
   * "Analyze now": refreshes the statistics of the tables that changed enough (see the class comment),
   * and returns their names. Call it after bulk writes (imports, bulk loads); it is cheap when nothing
   * changed, and runs on any PostgreSQL (autovacuum would get there too, but only a minute or more later).
   * Concurrent calls share one run.
   */
  analyzeChanged(): Promise<string[]> {
    this.running ??= (async () => {
      try {
        const tables = await this.changedTables();
        if (tables.length) await this.dataSource.query(`ANALYZE ${tables.join(', ')}`);
        return tables;
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /** Every table of the database. */
  async analyze(): Promise<void> {
    await this.dataSource.query('ANALYZE');
  }
}
