import { normalizeJapanese } from '../../common/japanese/normalize';
import { CONCEPTS } from '../../common/concepts';
import { clausesOf, othersAt, type Tokenize } from './clauses';
import type { Understood } from './vocabulary';

/** The spans of a needs text (normalised) that refuse something, by how (signal-text.ts refusedSpans). */
export interface RefusalSpans {
  /** Avoided or set aside: 避けたい, 嫌, ダメ, 〜ではなく. */
  avoided: ReadonlyArray<readonly [number, number]>;
  /** Hard for the person: 苦手, 無理, できない, 自信がない. */
  difficult: ReadonlyArray<readonly [number, number]>;
  /** Not needed: 〜なくてもいい, 不要 (「給料が出なくてもいい」 wants no work and refuses none). */
  unneeded: ReadonlyArray<readonly [number, number]>;
}

/**
 * A sentence that says what the person wants or can do: a wish (たい, ほしい, やってみ, なら), a liking or strength (好き,
 * 得意, 器用, 興味, 自信がある, 慣れて), or that something is fine (平気, 大丈夫, 苦にならない). A concept named in a sentence
 * without one is a fact, not a wish: 「母の年金収入で暮らしている」「ゲーム依存で昼夜逆転」「料理はしたことがない」.
 */
const NOT_DENIED = '(?!では|じゃ|(?:という|な)?わけ)';
const WISH = new RegExp(
  [
    'たい|たく(?!な)|ほしい|欲しい|やってみ|なら',
    `好き${NOT_DENIED}|得意${NOT_DENIED}|(?<!不)器用${NOT_DENIED}|上手|自信が(?:ある|あり)|慣れて|向いて(?!い?な)`,
    '興味(?!(?:が|は)?(?:な|あり?ませ))|関心(?!(?:が|は)?(?:な|あり?ませ))',
    '生かし|活かし|うれしい|嬉しい|楽しい|希望|できる|できそう|いい|良い|よい',
    '平気|大丈夫|問題な|構わな|かまわな|苦にならな',
  ].join('|'),
  'u',
);
/** A past that ended badly (「接客をしていたが、トラブルで辞めた」): what came before it in the sentence is no wish. */
const ENDED_BADLY = /辞め|やめた|退職|失敗|トラブル|病ん|ミスが|クビ|解雇|続かな/u;

/**
 * The concepts a needs text names, as understood entries: `concept` (wanted, or a strength) and `avoidConcept` (named
 * inside a phrase of avoidance or difficulty). Nothing is read from a clause about someone else (「父は大工だった」,
 * clauses.ts). A concept is wanted only in a sentence that says a wish (WISH), and not before a past that ended badly
 * in the same sentence with no wish after it. A concept named in a phrase of no need, or a learnable one named as a
 * difficulty, gives nothing; one both wanted and avoided (「子どもは苦手だが子ども食堂の調理なら」) gives nothing either —
 * the other signals decide. The first mention of each concept is its phrase, in the coordinator's characters when
 * normalisation kept the length.
 */
export function readConcepts(text: string, refusals: RefusalSpans, tokenize: Tokenize): Understood[] {
  const normalised = normalizeJapanese(text);
  const source = normalised.length === text.length ? text : normalised;
  const within = (spans: ReadonlyArray<readonly [number, number]>, at: number) => spans.some(([s, e]) => at >= s && at < e);
  const clauses = clausesOf(normalised, tokenize);
  const someoneElse = (at: number) => {
    const clause = clauses.find((c) => at >= c.start && at < c.start + c.text.length);
    return !!clause && othersAt(clause, at - clause.start);
  };
  const sentenceAt = (at: number) => {
    const start = Math.max(...['。', '！', '？', '\n'].map((e) => normalised.lastIndexOf(e, at - 1))) + 1;
    const ends = ['。', '！', '？', '\n'].map((e) => normalised.indexOf(e, at)).filter((i) => i >= 0);
    return { start, end: ends.length ? Math.min(...ends) : normalised.length };
  };
  const isWish = (at: number, length: number) => {
    const { start, end } = sentenceAt(at);
    const sentence = normalised.slice(start, end);
    const offset = at - start;
    // the rest of the sentence says the wish, or the concept's own words do (「手伝いたい」「子どもが好き」)
    const rest = sentence.slice(0, offset) + ' ' + sentence.slice(offset + length);
    if (!WISH.test(rest) && !/たい|ほしい|欲しい|好き|得意/u.test(sentence.slice(offset, offset + length))) return false;
    const badly = ENDED_BADLY.exec(sentence.slice(offset + length));
    return !badly || WISH.test(sentence.slice(offset + length + badly.index));
  };
  const wanted = new Map<string, string>();
  const avoided = new Map<string, string>();
  for (const concept of CONCEPTS) {
    for (const m of normalised.matchAll(new RegExp(concept.needs.source, 'gu'))) {
      if (someoneElse(m.index) || within(refusals.unneeded, m.index)) continue;
      const phrase = source.slice(m.index, m.index + m[0].length);
      const avoid = within(refusals.avoided, m.index);
      const difficult = within(refusals.difficult, m.index);
      if (difficult && !avoid && concept.learnable) continue;
      if (!avoid && !difficult && !isWish(m.index, m[0].length)) continue;
      if ((avoid || difficult) && concept.refusedAs && !concept.refusedAs.test(m[0])) continue;
      const into = avoid || difficult ? avoided : wanted;
      if (!into.has(concept.code)) into.set(concept.code, phrase);
    }
  }
  const out: Understood[] = [];
  for (const [code, phrase] of wanted) if (!avoided.has(code)) out.push({ phrase, field: 'concept', value: code });
  for (const [code, phrase] of avoided) if (!wanted.has(code)) out.push({ phrase, field: 'avoidConcept', value: code });
  return out;
}

/**
 * The concept signal, −1..1: the share of the wanted concepts the resource is about (at most `wantedCap` counted, so a
 * long list of interests does not make each single match small), minus 1 when it is about anything the person avoids.
 * 0 when the needs name no concept. `wantedCap` 2 and the penalty 1 are not tuned (only the signal's weight is).
 */
export function conceptSignal(
  resource: readonly string[],
  wanted: readonly string[] = [],
  avoided: readonly string[] = [],
  wantedCap = 2,
): number {
  const hits = wanted.filter((c) => resource.includes(c)).length;
  const share = wanted.length ? Math.min(1, hits / Math.min(wanted.length, wantedCap)) : 0;
  return Math.max(-1, Math.min(1, share - (avoided.some((c) => resource.includes(c)) ? 1 : 0)));
}
