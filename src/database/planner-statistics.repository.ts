import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * Planner statistics for a database without autovacuum. The embedded PostgreSQL (PGlite) runs
 * no autovacuum launcher, so without this its planner never learns table sizes and, for
 * instance, does not use the HNSW index for an unfiltered search (docs/benchmarks.md, search).
 */
@Injectable()
export class PlannerStatisticsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** True when nothing else keeps the statistics fresh (no autovacuum launcher is running). */
  async needsManualAnalyze(): Promise<boolean> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'autovacuum launcher'`);
    return row.n === 0;
  }

  async analyze(): Promise<void> {
    await this.dataSource.query('ANALYZE');
  }
}
