/**
 * Character bigrams of the words kuromoji does not know, for the BM25 postings (src/matching/bm25.ts): IPADIC's
 * unknown-word processing gives a katakana run as one noun (モルック, ガーデニングクラブ), so a word sharing part of it
 * would otherwise never match.
 */

/** Prefix of a character-bigram term (never the start of a lemma: symbols are not content words). */
export const GRAM_PREFIX = '#';

/** What kuromoji gave for a text: content-word lemmas, and the bigram terms of the words it did not know. */
export interface LexicalTerms {
  words: string[];
  grams: string[];
}

/** Character bigrams of a word kuromoji does not know (at least 3 characters: a 2-character word is its own bigram). */
export function gramsOf(word: string): string[] {
  const chars = [...word];
  if (chars.length < 3) return [];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(GRAM_PREFIX + chars[i] + chars[i + 1]);
  return out;
}
