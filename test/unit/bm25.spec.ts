import { bm25Idf, bm25Scores, bm25TermScore, gramsOf, postingsOf, queryTerms, type Postings } from '../../src/matching/bm25';

describe('Okapi BM25 (src/matching/bm25.ts)', () => {
  // Three resources: title 「a」 (counts 2) with body 「b」; body 「b c」; body 「c」. N = 3, avgdl = (3 + 2 + 1) / 3 = 2.
  const docs = new Map<string, Postings>([
    ['d1', postingsOf({ words: ['a'], grams: [] }, { words: ['b'], grams: [] })],
    ['d2', postingsOf({ words: [], grams: [] }, { words: ['b', 'c'], grams: [] })],
    ['d3', postingsOf({ words: [], grams: [] }, { words: ['c'], grams: [] })],
  ]);

  it('weighs a title occurrence twice and sums the lengths', () => {
    expect(docs.get('d1')).toEqual({ terms: ['a', 'b'], tfs: [2, 1], length: 3 });
    expect(docs.get('d2')).toEqual({ terms: ['b', 'c'], tfs: [1, 1], length: 2 });
  });

  it('matches a hand-computed example (k1 1.2, b 0.75)', () => {
    // idf(a) = ln(1 + (3 − 1 + 0.5) / (1 + 0.5)) = ln(8/3) = 0.980829; idf(b) = ln(1 + 1.5 / 2.5) = ln(1.6) = 0.470004
    expect(bm25Idf(3, 1)).toBeCloseTo(0.980829, 6);
    expect(bm25Idf(3, 2)).toBeCloseTo(0.470004, 6);
    // d1: K = 1.2 · (1 − 0.75 + 0.75 · 3/2) = 1.65; a: 0.980829 · 2 · 2.2 / (2 + 1.65) = 1.182370; b: 0.470004 · 2.2 / 2.65 = 0.390192
    expect(bm25TermScore(bm25Idf(3, 1), 2, 3, 2)).toBeCloseTo(1.18237, 5);
    const scores = bm25Scores(docs, ['a', 'b', 'b']);
    expect(scores.get('d1')).toBeCloseTo(1.572561, 6);
    // d2: length = avgdl, so K = k1 and the b part is idf · tf · 2.2 / 2.2 = idf(b)
    expect(scores.get('d2')).toBeCloseTo(0.470004, 6);
    expect(scores.has('d3')).toBe(false);
  });

  it('never gives a negative idf, even for a term in every resource', () => {
    expect(bm25Idf(3, 3)).toBeGreaterThan(0);
    expect(bm25Idf(3, 3)).toBeLessThan(bm25Idf(3, 2));
  });

  it('makes bigrams of words of 3 characters or more; a search looks for the bigrams of every such word', () => {
    expect(gramsOf('モルック')).toEqual(['#モル', '#ルッ', '#ック']);
    expect(gramsOf('畑')).toEqual([]);
    expect(gramsOf('草取')).toEqual([]);
    expect(queryTerms({ words: ['畑', 'ガーデン', '畑'], grams: [] })).toEqual(['畑', 'ガーデン', '#ガー', '#ーデ', '#デン']);
  });
});
