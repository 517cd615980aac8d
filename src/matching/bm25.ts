/**
 * Okapi BM25 over the normalised lemmas of a resource (plus character bigrams of the words kuromoji does not know),
 * the lexical signal of the search (issue #17 item 3; docs/matching.md §2). The database computes it
 * (MatchRepository, table resource_terms); this file holds the constants, how a resource's postings are made, and a
 * reference scorer in TypeScript that the tests compare the SQL against.
 *
 * Formula (Robertson & Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond", 2009, eq. 3.15, with the
 * non-negative IDF of Lucene's BM25Similarity, as in bench/metrics.ts Bm25Bigram):
 *   score(D, Q) = Σ_{t ∈ Q, unique} idf(t) · tf(t, D) · (k1 + 1) / (tf(t, D) + k1 · (1 − b + b · |D| / avgdl))
 *   idf(t)      = ln(1 + (N − df(t) + 0.5) / (df(t) + 0.5))
 * N = resources with postings (every status: the statistic describes the catalogue's words, not one search's filter),
 * df(t) = those with term t, |D| = the resource's weighted term count, avgdl = mean |D|.
 */
import { gramsOf, type LexicalTerms } from '../common/japanese/grams';
import type { Postings } from '../common/japanese/postings';

export { GRAM_PREFIX, gramsOf, type LexicalTerms } from '../common/japanese/grams';
export { BM25_TITLE_WEIGHT, postingsOf, type Postings } from '../common/japanese/postings';

/** Term-frequency saturation; 1.2 is the textbook default (Robertson & Zaragoza 2009 §3.4.4: 1.2–2.0). */
export const BM25_K1 = 1.2;
/** Length normalisation; 0.75, the textbook default (ibid.). */
export const BM25_B = 0.75;
export function bm25Idf(documents: number, df: number): number {
  return Math.log(1 + (documents - df + 0.5) / (df + 0.5));
}

/** One term's part of the score. */
export function bm25TermScore(idf: number, tf: number, length: number, avgLength: number, k1 = BM25_K1, b = BM25_B): number {
  return (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * length) / avgLength));
}

/**
 * The terms a search looks for, each once: the lemmas, and the bigrams of every lemma of 3 characters or more, known or
 * not — only the resources' unknown words have bigram postings, so 「ガーデニング」 (known) meets 「ガーデニングクラブ」
 * (unknown, indexed as bigrams) while two known words still meet only whole.
 */
export function queryTerms(t: LexicalTerms): string[] {
  return [...new Set([...t.words, ...t.words.flatMap(gramsOf)])];
}

/** Reference BM25 over an in-memory catalogue (tests; the service computes it in SQL). */
export function bm25Scores(docs: Map<string, Postings>, query: string[], k1 = BM25_K1, b = BM25_B): Map<string, number> {
  const n = docs.size;
  const avg = [...docs.values()].reduce((s, d) => s + d.length, 0) / Math.max(n, 1);
  const df = new Map<string, number>();
  for (const d of docs.values()) for (const t of d.terms) df.set(t, (df.get(t) ?? 0) + 1);
  const scores = new Map<string, number>();
  for (const [id, d] of docs) {
    let s = 0;
    for (const t of new Set(query)) {
      const i = d.terms.indexOf(t);
      if (i >= 0) s += bm25TermScore(bm25Idf(n, df.get(t)!), d.tfs[i], d.length, avg, k1, b);
    }
    if (s > 0) scores.set(id, s);
  }
  return scores;
}
