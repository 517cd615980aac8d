/**
 * Issue #17 item 3: the lexical signal before (ts_rank_cd over search_tokens, the tsquery of the needs' lemmas, as the
 * service computed it until BM25) against Okapi BM25 (resource_terms, what the service computes now), on the same
 * candidate pools: lexical-only, and the hybrid + understood with each signal, its weights chosen by coordinate ascent
 * (signals space: lexical weight, fit weight, lexical half-rank) on 4/5 of the needs and measured on the held-out 1/5.
 */
import type { DataSource } from 'typeorm';
import type { JapaneseTokenizer } from '../src/common/japanese/tokenizer';
import type { Candidate } from '../src/matching/match.repository';
import type { PersonPreferences, RankingWeights } from '../src/matching/ranking';
import { BM25_B, BM25_K1, bm25Scores, GRAM_PREFIX, queryTerms, type Postings } from '../src/matching/bm25';
import { ascend, fmtWeights, InMemoryRanker, SPACES } from './eval-tuning';
import { folds, hitAt, mean, ndcgAt, type Grades } from './metrics';

const K = 10;
const f3 = (x: number) => x.toFixed(3);

/** ts_rank_cd of the needs' lemmas against each pooled resource, exactly as candidateSql computed it before BM25. */
async function tsRankCd(db: DataSource, tokenizer: JapaneseTokenizer, needs: string, ids: string[]): Promise<Map<string, number>> {
  const terms = [...new Set(tokenizer.contentWords(needs))];
  if (!terms.length) return new Map();
  const rows: Array<{ id: string; rank: number }> = await db.query(
    `SELECT id, ts_rank_cd(search_tokens,
                             to_tsquery('simple', (SELECT string_agg(quote_literal(t), ' | ') FROM unnest($2::text[]) t))) AS rank
       FROM resources WHERE id = ANY($1::uuid[])`,
    [ids, terms],
  );
  return new Map(rows.map((r) => [r.id, Number(r.rank)]));
}

export async function compareLexical(
  db: DataSource,
  tokenizer: JapaneseTokenizer,
  needs: string[],
  pools: Candidate[][],
  prefs: PersonPreferences[],
  keyOf: Map<string, string>,
  grades: Grades[],
  start: { tsRankCd: RankingWeights; bm25: RankingWeights },
): Promise<{ tsRankCd: RankingWeights; bm25: RankingWeights }> {
  const oldPools: Candidate[][] = [];
  for (const [i, pool] of pools.entries()) {
    const ranks = await tsRankCd(
      db,
      tokenizer,
      needs[i],
      pool.map((c) => c.id),
    );
    oldPools.push(pool.map((c) => ({ ...c, lexicalRank: ranks.get(c.id) ?? 0 })));
  }
  const all = needs.map((_, i) => i);
  console.log('\nlexical signal: ts_rank_cd (before) vs Okapi BM25 (now), same candidate pools');
  console.log('  signal                                   nDCG@10  hit@3   (CV = 5-fold, weights chosen on 4/5)');
  const lexicalOnly = (p: Candidate[][]) => {
    const lists = p.map((pool) =>
      pool
        .filter((c) => c.lexicalRank > 0)
        .sort((a, b) => b.lexicalRank - a.lexicalRank || b.vectorSimilarity - a.vectorSimilarity)
        .slice(0, K)
        .map((c) => keyOf.get(c.id)!),
    );
    return { ndcg: mean(all.map((i) => ndcgAt(lists[i], grades[i], K))), hit: mean(all.map((i) => hitAt(lists[i], grades[i], 3, 3))) };
  };
  const chosen = { tsRankCd: start.tsRankCd, bm25: start.bm25 };
  const row = (label: string, x: { ndcg: number; hit: number }, note = '') =>
    console.log(`  ${label.padEnd(40)} ${f3(x.ndcg).padStart(7)}  ${f3(x.hit)}   ${note}`);
  for (const [name, p] of [
    ['tsRankCd', oldPools],
    ['bm25', pools],
  ] as const) {
    const label = name === 'bm25' ? 'Okapi BM25' : 'ts_rank_cd';
    const lo = lexicalOnly(p);
    console.log(`  ${`lexical only, ${label}`.padEnd(40)} ${f3(lo.ndcg).padStart(7)}  ${f3(lo.hit)}   (no weights: in-sample = CV)`);
    const ranker = new InMemoryRanker(p, prefs, keyOf, grades);
    const cv = new Array<{ ndcg: number; hit: number }>(all.length);
    for (const test of folds(all.length, 5)) {
      const train = all.filter((i) => !test.includes(i));
      const w = ascend(ranker, start[name], train, SPACES.signals).w;
      ranker.perNeed(w, test).forEach((x, j) => (cv[test[j]] = x));
    }
    const inSample = ascend(ranker, start[name], all, SPACES.signals);
    const atStart = ranker.score(start[name], all);
    chosen[name] = inSample.w;
    row(`hybrid + understood, ${label}, start`, atStart, fmtWeights(start[name]));
    row(`hybrid + understood, ${label}, in-sample`, inSample, fmtWeights(inSample.w));
    row(`hybrid + understood, ${label}, CV`, { ndcg: mean(cv.map((x) => x.ndcg)), hit: mean(cv.map((x) => x.hit)) });
  }
  await sensitivity(db, tokenizer, needs, pools, prefs, keyOf, grades, start.bm25, lexicalOnly);
  return chosen;
}

/**
 * BM25's parameters, measured rather than assumed: the same postings scored in TypeScript (bm25Scores, which the
 * integration test holds equal to the SQL) with other k1 / b, and without the bigrams of unknown words. Lexical-only
 * in-sample; the bigram switch also as hybrid + understood, cross-validated.
 */
async function sensitivity(
  db: DataSource,
  tokenizer: JapaneseTokenizer,
  needs: string[],
  pools: Candidate[][],
  prefs: PersonPreferences[],
  keyOf: Map<string, string>,
  grades: Grades[],
  start: RankingWeights,
  lexicalOnly: (p: Candidate[][]) => { ndcg: number; hit: number },
): Promise<void> {
  const ids = [...keyOf.keys()];
  const rows: Array<{ id: string; term: string; tf: number; len: number }> = await db.query(
    `SELECT resource_id AS id, term, tf, doc_length AS len FROM resource_terms WHERE resource_id = ANY($1::uuid[])`,
    [ids],
  );
  const docs = (grams: boolean) => {
    const out = new Map<string, Postings>();
    for (const r of rows) {
      if (!grams && r.term.startsWith(GRAM_PREFIX)) continue;
      const d = out.get(r.id) ?? { terms: [], tfs: [], length: 0 };
      d.terms.push(r.term);
      d.tfs.push(r.tf);
      d.length += r.tf;
      out.set(r.id, d);
    }
    return out;
  };
  /** grams: 'all' = the service (bigrams of every query word of ≥ 3 characters), 'unknown' = only of the query's unknown words. */
  const withScores = (grams: 'all' | 'unknown' | 'off', k1: number, b: number) => {
    const d = docs(grams !== 'off');
    return pools.map((pool, i) => {
      const t = tokenizer.lexicalTerms(needs[i]);
      const terms =
        grams === 'unknown'
          ? [...new Set([...t.words, ...t.grams])]
          : queryTerms(t).filter((x) => grams === 'all' || !x.startsWith(GRAM_PREFIX));
      const scores = bm25Scores(d, terms, k1, b);
      return pool.map((c) => ({ ...c, lexicalRank: scores.get(c.id) ?? 0 }));
    });
  };
  console.log(`
  BM25 parameters, lexical only (in-sample), TypeScript scorer over the same postings:`);
  console.log(`    k1 \\ b   ${[0.25, 0.5, 0.75, 1].map((b) => `b ${b}`.padEnd(14)).join('')}`);
  for (const k1 of [0.6, 0.9, 1.2, 1.5, 2]) {
    const cells = [0.25, 0.5, 0.75, 1].map((b) => {
      const x = lexicalOnly(withScores('all', k1, b));
      return `${f3(x.ndcg)}/${f3(x.hit)}`.padEnd(14);
    });
    console.log(`    k1 ${String(k1).padEnd(5)} ${cells.join('')}`);
  }
  const all = needs.map((_, i) => i);
  for (const grams of ['all', 'unknown', 'off'] as const) {
    const p = withScores(grams, BM25_K1, BM25_B);
    const lo = lexicalOnly(p);
    const ranker = new InMemoryRanker(p, prefs, keyOf, grades);
    const cv = new Array<{ ndcg: number; hit: number }>(all.length);
    for (const test of folds(all.length, 5)) {
      const w = ascend(
        ranker,
        start,
        all.filter((i) => !test.includes(i)),
        SPACES.signals,
      ).w;
      ranker.perNeed(w, test).forEach((x, j) => (cv[test[j]] = x));
    }
    console.log(
      `  bigrams of unknown words, query bigrams ${grams.padEnd(7)}: lexical only ${f3(lo.ndcg)}/${f3(lo.hit)}; hybrid + understood CV ` +
        `${f3(mean(cv.map((x) => x.ndcg)))}/${f3(mean(cv.map((x) => x.hit)))}`,
    );
  }
}
