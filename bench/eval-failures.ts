/** The needs the hybrid serves worst (by nDCG@10), for docs/matching.md: what came first and what should have. */
import { ndcgAt, type Grades } from './metrics';

export function reportWorst(
  needs: Array<{ key: string; needs: string; constraints?: object }>,
  lists: string[][],
  grades: Grades[],
  titleOf: Map<string, string>,
  count = 10,
): void {
  const rows = needs.map((n, i) => ({ n, i, ndcg: ndcgAt(lists[i], grades[i], 10) })).sort((a, b) => a.ndcg - b.ndcg || a.i - b.i);
  console.log(`\n${count} worst needs by nDCG@10 (hybrid + understood, as the service ranks):`);
  for (const { n, i, ndcg } of rows.slice(0, count)) {
    const wanted = Object.entries(grades[i])
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([k, g]) => `${k}(${g}) ${titleOf.get(k)} @${lists[i].indexOf(k) + 1 || '-'}`);
    const got = lists[i].slice(0, 3).map((k) => `${k}(${grades[i][k] ?? 0}) ${titleOf.get(k)}`);
    const flag = n.constraints && Object.keys(n.constraints).length ? ' [constraints]' : '';
    console.log(`  ${n.key} nDCG@10 ${ndcg.toFixed(3)}${flag}: ${n.needs.slice(0, 60)}`);
    console.log(`     top 3: ${got.join(' / ')}`);
    console.log(`     graded: ${wanted.join(' / ')}`);
  }
}
