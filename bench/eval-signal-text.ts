/**
 * The text the vector and lexical signals read. The service reads the whole needs text (MatchService.signalTexts);
 * bench/signal-text.ts leaves out the phrases of avoidance, refusal and negation. Both through the
 * service's own rankCandidates (the `texts` argument), same dev set and preferences:
 *   - hybrid + understood and text-only (structured constraints removed) at the current weights (in-sample: the rule
 *     has no tuned parameter), and with the weights re-chosen by coordinate ascent (signals space) on 4/5 of the
 *     needs and measured on the held-out 1/5, so that neither text is judged at weights tuned for the other;
 *   - per need: which needs move, and the worst needs of the whole-text hybrid with the rule;
 *   - with --tune, variants (difficulties kept, denied refusals kept as written, only one of the two signals), and a
 *     nested cross-validation that chooses the text setup and the weights together on 4/5 of the needs.
 */
import { normalizeJapanese } from '../src/common/japanese/normalize';
import type { JapaneseTokenizer } from '../src/common/japanese/tokenizer';
import type { Candidate } from '../src/matching/match.repository';
import type { MatchService, SignalTexts } from '../src/matching/match.service';
import { rank, type PersonPreferences, type RankingWeights } from '../src/matching/ranking';
import { signalText } from '../src/matching/understanding/signal-text';
import { ascend, InMemoryRanker, SPACES } from './eval-tuning';
import { folds, mean, ndcgAt, type Grades } from './metrics';

const K = 10;
const f3 = (x: number) => x.toFixed(3);

export interface SignalTextEval {
  match: MatchService;
  tokenizer: JapaneseTokenizer;
  needs: Array<{ key: string; needs: string }>;
  /** The service's pools (the whole needs text), as the rest of the eval uses them. */
  pools: Candidate[][];
  structured: PersonPreferences[];
  understood: PersonPreferences[];
  textOnly: PersonPreferences[];
  keyOf: Map<string, string>;
  titleOf: Map<string, string>;
  grades: Grades[];
  weights: RankingWeights;
  poolLimit: number;
  /** The needs named in docs/matching.md's worst-needs table, always listed. */
  named: string[];
  variants: boolean;
}

interface Figures {
  ndcg: number;
  hit: number;
  textNdcg: number;
  textHit: number;
  cvNdcg: number;
  cvHit: number;
  cvTextNdcg: number;
  cvTextHit: number;
  perNeed: number[];
  perNeedStructured: number[];
  lists: string[][];
  main: InMemoryRanker;
  text: InMemoryRanker;
}

export async function compareSignalText(e: SignalTextEval): Promise<void> {
  const tokens = (t: string) => e.tokenizer.tokens(t);
  const whole = (n: string) => normalizeJapanese(n);
  const leftOut = (n: string, kinds?: Parameters<typeof signalText>[2]) => signalText(n, tokens, kinds).text;
  const poolsFor = async (texts: (n: string) => SignalTexts) => {
    const pools: Candidate[][] = [];
    for (const [i, n] of e.needs.entries()) {
      const input = { needs: n.needs, filters: { includeFull: false }, preferences: e.structured[i], limit: e.poolLimit };
      pools.push((await e.match.rankCandidates(input, e.weights, texts(n.needs))).ranked.map((r) => r.candidate));
    }
    return pools;
  };
  const changed = e.needs.filter((n) => signalText(n.needs, tokens).dropped.length).length;
  const before = figures(e, e.pools);
  const after = figures(e, await poolsFor((n) => ({ vector: leftOut(n), lexical: leftOut(n) })));

  console.log(`\nsignal text: refused phrases left out of the vector and the lexical query (${changed}/${e.needs.length} needs have one)`);
  console.log('  text the signals read                       in-sample nDCG@10 hit@3 | text-only   | CV nDCG@10 hit@3 | CV text-only');
  const row = (label: string, x: Figures) =>
    console.log(
      `  ${label.padEnd(42)}  ${f3(x.ndcg)}  ${f3(x.hit)}        | ${f3(x.textNdcg)}  ${f3(x.textHit)} | ` +
        `${f3(x.cvNdcg)}  ${f3(x.cvHit)}      | ${f3(x.cvTextNdcg)}  ${f3(x.cvTextHit)}`,
    );
  row('whole needs text (service)', before);
  row('refused phrases left out of both', after);
  const better = after.perNeed.filter((x, i) => x > before.perNeed[i] + 1e-9).length;
  const worse = after.perNeed.filter((x, i) => x < before.perNeed[i] - 1e-9).length;
  console.log(
    `  per need (hybrid + understood, current weights): better ${better}, worse ${worse}, unchanged ${e.needs.length - better - worse}`,
  );
  const moved = e.needs
    .map((n, i) => ({ key: n.key, d: after.perNeed[i] - before.perNeed[i] }))
    .filter((x) => Math.abs(x.d) >= 0.05)
    .sort((a, b) => a.d - b.d);
  console.log(`  needs moved by 0.05 or more: ${moved.map((x) => `${x.key} ${x.d > 0 ? '+' : ''}${x.d.toFixed(2)}`).join(', ')}`);
  const ahead = after.cvNdcg > before.cvNdcg + 1e-9 && after.cvHit >= before.cvHit - 1e-9;
  console.log(`  left out: ${ahead ? 'AHEAD' : 'NOT ahead'} cross-validated (nDCG@10 higher and hit@3 not lower)`);

  // The worst needs of the whole-text hybrid (structured constraints, as reportWorst) and the named ones.
  const worst = e.needs
    .map((n, i) => ({ i, ndcg: before.perNeedStructured[i] }))
    .sort((a, b) => a.ndcg - b.ndcg || a.i - b.i)
    .slice(0, 10)
    .map((x) => x.i);
  const listed = [...new Set([...worst, ...e.needs.flatMap((n, i) => (e.named.includes(n.key) ? [i] : []))])];
  console.log('  need  nDCG@10 hybrid: whole → left out | + understood: whole → left out | top 3 left out (hybrid)');
  for (const i of listed) {
    const top = after.lists[i]
      .slice(0, 3)
      .map((k) => `${k}(${e.grades[i][k] ?? 0}) ${e.titleOf.get(k)}`)
      .join(' / ');
    console.log(
      `  ${e.needs[i].key.padEnd(4)}  ${f3(before.perNeedStructured[i])} → ${f3(after.perNeedStructured[i])}         | ` +
        `${f3(before.perNeed[i])} → ${f3(after.perNeed[i])}               | ${top}`,
    );
    const text = signalText(e.needs[i].needs, tokens);
    if (text.dropped.length) console.log(`        reads: ${text.text.slice(0, 70)}`);
  }

  if (!e.variants) return;
  const kept = ['avoid', 'unneeded', 'contrast'] as const;
  const variants: Array<[string, (n: string) => SignalTexts]> = [
    ['difficulties kept (苦手, 無理, できない …)', (n) => ({ vector: leftOut(n, { kinds: kept }), lexical: leftOut(n, { kinds: kept }) })],
    ['denied refusals kept as written', (n) => ({ vector: leftOut(n, { denied: 'keep' }), lexical: leftOut(n, { denied: 'keep' }) })],
    ['left out of the vector only', (n) => ({ vector: leftOut(n), lexical: whole(n) })],
    ['left out of the lexical query only', (n) => ({ vector: whole(n), lexical: leftOut(n) })],
    ['lexical only, difficulties kept', (n) => ({ vector: whole(n), lexical: leftOut(n, { kinds: kept }) })],
  ];
  console.log('  variants (each measured on the same needs: choosing one is a choice on the dev set, see the nested CV):');
  const setups: Array<[string, Figures]> = [
    ['whole needs text (service)', before],
    ['refused phrases left out of both', after],
  ];
  for (const [label, texts] of variants) {
    const x = figures(e, await poolsFor(texts));
    row(label, x);
    setups.push([label, x]);
  }
  // Nested: on each 4/5 choose the text setup and its weights together (best training nDCG@10, then hit@3; ties to the
  // earlier setup, the whole text first) and measure on the held-out 1/5 — the choice of a variant is cross-validated too.
  const all = e.needs.map((_, i) => i);
  const nested = new Array<{ ndcg: number; hit: number }>(all.length);
  const nestedText = new Array<{ ndcg: number; hit: number }>(all.length);
  for (const [f, test] of folds(all.length, 5).entries()) {
    const train = all.filter((i) => !test.includes(i));
    const tried = setups.map(([label, x]) => ({ label, x, ...ascend(x.main, e.weights, train, SPACES.signals) }));
    const best = tried.reduce((a, b) => (b.ndcg > a.ndcg + 1e-9 || (Math.abs(b.ndcg - a.ndcg) <= 1e-9 && b.hit > a.hit + 1e-9) ? b : a));
    best.x.main.perNeed(best.w, test).forEach((v, j) => (nested[test[j]] = v));
    best.x.text.perNeed(best.w, test).forEach((v, j) => (nestedText[test[j]] = v));
    console.log(`    fold ${f + 1}: chose "${best.label}" (train ${f3(best.ndcg)}), held-out ${f3(best.x.main.score(best.w, test).ndcg)}`);
  }
  console.log(
    `  nested CV (text setup + weights chosen on 4/5): nDCG@10 ${f3(mean(nested.map((x) => x.ndcg)))}, hit@3 ` +
      `${f3(mean(nested.map((x) => x.hit)))}; text-only ${f3(mean(nestedText.map((x) => x.ndcg)))}, ` +
      `${f3(mean(nestedText.map((x) => x.hit)))}  (whole text, weights chosen on 4/5: ${f3(before.cvNdcg)}, ${f3(before.cvHit)})`,
  );
}

function figures(e: SignalTextEval, pools: Candidate[][]): Figures {
  const all = e.needs.map((_, i) => i);
  const main = new InMemoryRanker(pools, e.understood, e.keyOf, e.grades);
  const text = new InMemoryRanker(pools, e.textOnly, e.keyOf, e.grades);
  const now = main.perNeed(e.weights, all);
  const nowText = text.perNeed(e.weights, all);
  const cv = new Array<{ ndcg: number; hit: number }>(all.length);
  const cvText = new Array<{ ndcg: number; hit: number }>(all.length);
  for (const test of folds(all.length, 5)) {
    const train = all.filter((i) => !test.includes(i));
    const w = ascend(main, e.weights, train, SPACES.signals).w;
    main.perNeed(w, test).forEach((x, j) => (cv[test[j]] = x));
    text.perNeed(w, test).forEach((x, j) => (cvText[test[j]] = x));
  }
  const lists = pools.map((pool, i) =>
    rank(pool, e.structured[i], e.weights)
      .slice(0, K)
      .map((r) => e.keyOf.get(r.candidate.id)!),
  );
  return {
    ndcg: mean(now.map((x) => x.ndcg)),
    hit: mean(now.map((x) => x.hit)),
    textNdcg: mean(nowText.map((x) => x.ndcg)),
    textHit: mean(nowText.map((x) => x.hit)),
    cvNdcg: mean(cv.map((x) => x.ndcg)),
    cvHit: mean(cv.map((x) => x.hit)),
    cvTextNdcg: mean(cvText.map((x) => x.ndcg)),
    cvTextHit: mean(cvText.map((x) => x.hit)),
    perNeed: now.map((x) => x.ndcg),
    perNeedStructured: lists.map((l, i) => ndcgAt(l, e.grades[i], K)),
    lists,
    main,
    text,
  };
}
