/**
 * The text the vector and lexical signals read (src/matching/understanding/signal-text.ts): the needs with the phrases
 * of avoidance, refusal and negation left out (the service) against the whole needs text (what the service read
 * before), each through the service's own rankCandidates, same dev set and preferences:
 *   - hybrid + understood and text-only (structured constraints removed) at the current weights (in-sample: the rule
 *     has no tuned parameter), and with the weights re-chosen by coordinate ascent (signals space) on 4/5 of the
 *     needs and measured on the held-out 1/5, so that neither setup is judged at weights tuned for the other;
 *   - per need: which needs change, and the worst needs of the whole-text hybrid before and after;
 *   - with --tune, variants: difficulties kept, denied refusals kept as written, only one of the two signals changed.
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
  /** The service's pools (refused phrases left out), as the rest of the eval uses them. */
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
  const whole = (n: string): SignalTexts => ({ vector: normalizeJapanese(n), lexical: normalizeJapanese(n) });
  const poolsFor = async (texts: (n: string) => SignalTexts) => {
    const pools: Candidate[][] = [];
    for (const [i, n] of e.needs.entries()) {
      const input = { needs: n.needs, filters: { includeFull: false }, preferences: e.structured[i], limit: e.poolLimit };
      pools.push((await e.match.rankCandidates(input, e.weights, texts(n.needs))).ranked.map((r) => r.candidate));
    }
    return pools;
  };
  const tokens = (t: string) => e.tokenizer.tokens(t);
  const changed = e.needs.filter((n) => signalText(n.needs, tokens).dropped.length).length;
  const before = figures(e, await poolsFor(whole));
  const after = figures(e, e.pools);

  console.log(`\nsignal text: refused phrases left out of the vector and lexical query (${changed}/${e.needs.length} needs changed)`);
  console.log('  text the signals read                   in-sample nDCG@10 hit@3 | text-only      | CV nDCG@10 hit@3 | CV text-only');
  const row = (label: string, x: Figures) =>
    console.log(
      `  ${label.padEnd(38)}  ${f3(x.ndcg)}  ${f3(x.hit)}        | ${f3(x.textNdcg)}  ${f3(x.textHit)} | ${f3(x.cvNdcg)}  ${f3(x.cvHit)}      | ` +
        `${f3(x.cvTextNdcg)}  ${f3(x.cvTextHit)}`,
    );
  row('whole needs text (before)', before);
  row('refused phrases left out (service)', after);
  const delta = (a: number[], b: number[]) => ({
    better: a.filter((x, i) => x > b[i] + 1e-9).length,
    worse: a.filter((x, i) => x < b[i] - 1e-9).length,
  });
  const d = delta(after.perNeed, before.perNeed);
  console.log(
    `  per need (hybrid + understood, current weights): better ${d.better}, worse ${d.worse}, unchanged ${e.needs.length - d.better - d.worse}`,
  );
  console.log(
    `  ${after.cvNdcg > before.cvNdcg + 1e-9 && after.cvHit >= before.cvHit - 1e-9 ? 'AHEAD' : 'NOT ahead'} cross-validated ` +
      `(nDCG@10 higher and hit@3 not lower)`,
  );

  const moved = e.needs
    .map((n, i) => ({ key: n.key, i, d: after.perNeed[i] - before.perNeed[i] }))
    .filter((x) => Math.abs(x.d) >= 0.05)
    .sort((a, b) => a.d - b.d);
  console.log(`  needs moved by 0.05 or more: ${moved.map((x) => `${x.key} ${x.d > 0 ? '+' : ''}${x.d.toFixed(2)}`).join(', ')}`);

  // The worst needs of the whole-text hybrid (structured constraints, as reportWorst) and the named ones.
  const worst = e.needs
    .map((n, i) => ({ n, i, ndcg: before.perNeedStructured[i] }))
    .sort((a, b) => a.ndcg - b.ndcg || a.i - b.i)
    .slice(0, 10)
    .map((x) => x.i);
  const listed = [...new Set([...worst, ...e.needs.flatMap((n, i) => (e.named.includes(n.key) ? [i] : []))])];
  console.log('  need  nDCG@10 hybrid (structured): before → after | + understood: before → after | top 3 after');
  for (const i of listed) {
    const top = after.lists[i]
      .slice(0, 3)
      .map((k) => `${k}(${e.grades[i][k] ?? 0}) ${e.titleOf.get(k)}`)
      .join(' / ');
    console.log(
      `  ${e.needs[i].key.padEnd(4)}  ${f3(before.perNeedStructured[i])} → ${f3(after.perNeedStructured[i])}            | ` +
        `${f3(before.perNeed[i])} → ${f3(after.perNeed[i])}         | ${top}`,
    );
    const text = signalText(e.needs[i].needs, tokens);
    if (text.dropped.length) console.log(`        read: ${text.text.slice(0, 70)}`);
  }

  if (!e.variants) return;
  const negated = (n: string): SignalTexts => {
    const r = signalText(n, tokens);
    const normalised = normalizeJapanese(n);
    const refused = r.dropped.map(([a, b]) => normalised.slice(a, b)).join('。');
    return { vector: r.text, lexical: r.text, negated: refused || undefined };
  };
  const variants: Array<[string, (n: string) => SignalTexts]> = [
    ['difficulties kept (苦手, 無理, できない …)', (n) => both(signalText(n, tokens, { kinds: ['avoid', 'unneeded', 'contrast'] }))],
    ['denied refusals kept as written', (n) => both(signalText(n, tokens, { denied: 'keep' }))],
    ['only the vector reads it', (n) => ({ vector: signalText(n, tokens).text, lexical: normalizeJapanese(n) })],
    ['only the lexical query reads it', (n) => ({ vector: normalizeJapanese(n), lexical: signalText(n, tokens).text })],
    ['whole − refused (orthogonal), lexical left out', (n) => ({ ...negated(n), vector: normalizeJapanese(n) })],
    ['kept − refused (orthogonal), lexical left out', (n) => negated(n)],
    [
      'whole − refused (orthogonal), lexical whole',
      (n) => ({ ...negated(n), vector: normalizeJapanese(n), lexical: normalizeJapanese(n) }),
    ],
    [
      'only lexical, difficulties kept',
      (n) => ({ vector: normalizeJapanese(n), lexical: signalText(n, tokens, { kinds: ['avoid', 'unneeded', 'contrast'] }).text }),
    ],
  ];
  console.log('  variants (diagnostic: each measured on the same needs):');
  const setups: Array<[string, Figures]> = [
    ['whole needs text (before)', before],
    ['refused phrases left out (service)', after],
  ];
  for (const [label, texts] of variants) {
    const x = figures(e, await poolsFor(texts));
    row(label, x);
    setups.push([label, x]);
  }
  // Nested: on each 4/5 choose the text setup and its weights together (best training nDCG@10, ties to the earlier
  // setup, the whole text first), measure on the held-out 1/5 — the choice of a variant is itself cross-validated.
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
  const n = mean(nested.map((x) => x.ndcg));
  const h = mean(nested.map((x) => x.hit));
  console.log(
    `  nested CV (text setup + weights chosen on 4/5): nDCG@10 ${f3(n)}, hit@3 ${f3(h)}; text-only ` +
      `${f3(mean(nestedText.map((x) => x.ndcg)))}, ${f3(mean(nestedText.map((x) => x.hit)))}  (whole text, weights chosen on 4/5: ` +
      `${f3(before.cvNdcg)}, ${f3(before.cvHit)})`,
  );
}

function both(s: { text: string }): SignalTexts {
  return { vector: s.text, lexical: s.text };
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
