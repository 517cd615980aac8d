import { EXACT_TOTAL_LIMIT } from './limits';

export interface ListTotal {
  total: number;
  /** The total is the planner's estimate (above EXACT_TOTAL_LIMIT rows), not a count. */
  totalEstimated: boolean;
}

type Run = (sql: string, params: unknown[]) => Promise<unknown[]>;

/**
 * The total of a list given its `FROM … WHERE …` (without ORDER BY/LIMIT): counted exactly when it has at most
 * `limit` rows (the count stops at limit + 1, so a page never scans a large table), otherwise the planner's estimate
 * of the same statement (EXPLAIN: statistics × selectivity), and never below the rows already counted.
 */
export async function listTotal(run: Run, fromWhere: string, params: unknown[], limit = EXACT_TOTAL_LIMIT): Promise<ListTotal> {
  const [{ n }] = (await run(`SELECT count(*)::int AS n FROM (SELECT 1 ${fromWhere} LIMIT ${limit + 1}) bounded`, params)) as Array<{
    n: number;
  }>;
  if (n <= limit) return { total: n, totalEstimated: false };
  const [plan] = (await run(`EXPLAIN (FORMAT JSON) SELECT 1 ${fromWhere}`, params)) as Array<{ 'QUERY PLAN': unknown }>;
  const json = plan['QUERY PLAN'];
  const parsed = (typeof json === 'string' ? JSON.parse(json) : json) as Array<{ Plan: { 'Plan Rows': number } }>;
  return { total: Math.max(n, Math.round(parsed[0].Plan['Plan Rows'])), totalEstimated: true };
}
