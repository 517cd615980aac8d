/** Ranking metrics and a plain-TypeScript BM25 baseline for bench/eval-matching.ts. */

/** Relevance grades of one need: resource key → 1..3 (absent = 0). */
export type Grades = Record<string, number>;

/** nDCG@k with graded gains 2^rel − 1; the ideal ranking comes from the need's own grades. */
export function ndcgAt(ranked: string[], grades: Grades, k = 10): number {
  const dcg = (gains: number[]) => gains.slice(0, k).reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
  const ideal = dcg(Object.values(grades).sort((a, b) => b - a));
  return ideal > 0 ? dcg(ranked.map((id) => grades[id] ?? 0)) / ideal : 0;
}

/** 1 when a resource graded at least minGrade is among the first k, else 0. */
export function hitAt(ranked: string[], grades: Grades, k = 3, minGrade = 3): number {
  return ranked.slice(0, k).some((id) => (grades[id] ?? 0) >= minGrade) ? 1 : 0;
}

export function mean(xs: number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}

export function spread(xs: number[]): { min: number; median: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return { min: s[0], median: s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2, max: s[s.length - 1] };
}

/** k folds of 0..n−1 after a seeded (reproducible) shuffle. */
export function folds(n: number, k: number, seed = 20240601): number[][] {
  let state = seed >>> 0;
  const random = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return Array.from({ length: k }, (_, f) => order.filter((_, i) => i % k === f));
}

/** Character bigrams of NFKC-normalised, lower-cased text; punctuation and spaces split runs. */
export function bigrams(text: string): string[] {
  const out: string[] = [];
  for (const run of text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[\p{P}\p{S}\s]+/u)) {
    const chars = [...run];
    if (chars.length === 1) out.push(chars[0]);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  }
  return out;
}

/** Okapi BM25 over character bigrams (idf = ln(1 + (N − df + 0.5) / (df + 0.5))). */
export class Bm25Bigram {
  private readonly docs: Array<{ id: string; tf: Map<string, number>; length: number }>;
  private readonly df = new Map<string, number>();
  private readonly avgLength: number;

  constructor(
    docs: Array<{ id: string; text: string }>,
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    this.docs = docs.map(({ id, text }) => {
      const terms = bigrams(text);
      const tf = new Map<string, number>();
      for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const t of tf.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
      return { id, tf, length: terms.length };
    });
    this.avgLength = mean(this.docs.map((d) => d.length));
  }

  /** Documents with a positive score, best first (ties by id). */
  search(query: string): Array<{ id: string; score: number }> {
    const n = this.docs.length;
    const terms = [...new Set(bigrams(query))];
    return this.docs
      .map((d) => {
        let score = 0;
        for (const t of terms) {
          const tf = d.tf.get(t);
          if (!tf) continue;
          const df = this.df.get(t)!;
          const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
          score += (idf * tf * (this.k1 + 1)) / (tf + this.k1 * (1 - this.b + (this.b * d.length) / this.avgLength));
        }
        return { id: d.id, score };
      })
      .filter((r) => r.score > 0)
      .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  }
}
