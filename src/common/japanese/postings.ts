/**
 * A resource's BM25 postings (table resource_terms) from its tokens: made where the tokens are made (resources,
 * catalogue import, re-index), scored in SQL by src/matching/match.repository.ts with the constants of
 * src/matching/bm25.ts. Here, in common/, because the writers must not import the matching module.
 */
import type { LexicalTerms } from './grams';

/**
 * A title occurrence counts this many body occurrences (a simple BM25F: Robertson, Zaragoza & Taylor 2004, "Simple
 * BM25 extension to multiple weighted fields"). The title was weight A (1.0) against B (0.4) under ts_rank_cd.
 */
export const BM25_TITLE_WEIGHT = 2;

/** A resource's postings: term → weighted frequency, and its length (the sum of the frequencies). */
export interface Postings {
  terms: string[];
  tfs: number[];
  length: number;
}

export function postingsOf(title: LexicalTerms, body: LexicalTerms, titleWeight = BM25_TITLE_WEIGHT): Postings {
  const tf = new Map<string, number>();
  const add = (terms: string[], w: number) => terms.forEach((t) => tf.set(t, (tf.get(t) ?? 0) + w));
  add(title.words, titleWeight);
  add(title.grams, titleWeight);
  add(body.words, 1);
  add(body.grams, 1);
  const terms = [...tf.keys()];
  return { terms, tfs: terms.map((t) => tf.get(t)!), length: terms.reduce((sum, t) => sum + tf.get(t)!, 0) };
}
