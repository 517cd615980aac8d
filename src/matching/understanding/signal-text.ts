import { normalizeJapanese } from '../../common/japanese/normalize';
import type { Morpheme } from '../../common/japanese/tokenizer';
import { clausesOf, type Clause, type Tokenize } from './clauses';

/**
 * The text the vector and lexical signals read (docs/matching.md §2 「避けたいことは信号に入れない」).
 *
 * When a person says what they want to avoid or what they are not (「若者が集まる場所は避けたい」, 「レジは無理」,
 * 「お茶会は性に合わない」, 「お金はもらえなくてもいい」), those words are the strongest pull of both text signals: the
 * embedding and BM25 cannot read the negation, so the places the person refuses come first. This function leaves the
 * refused phrases out of the text given to the embedding model and to the lexical query; the original text would be
 * kept for everything else (stored needs, the understanding that reads the constraints, reasons, the search log).
 * Measured on the dev set and NOT adopted by the search (MatchService.signalTexts reads the whole text): it is not ahead
 * cross-validated, because hosts word their welcome with the refused words themselves (docs/benchmarks.md,
 * 「避けたいことを信号から外す」). The eval keeps the comparison (bench/eval-signal-text.ts).
 * Its refusal phrases (`refusedSpans`) do decide which concepts a person avoids (concepts.ts, docs/matching.md §8).
 *
 * General rules over the clauses of `clauses.ts` and kuromoji morphemes, not sentences:
 * - **Refusal** (a predicate of avoidance, difficulty or no need: 避けたい, 苦手, 無理, 嫌, 性に合わない, 向いていない,
 *   〜たくない, できない, 得意ではない, 怖い, 不要, 〜なくてもいい …): the phrase from the last strong boundary before it
 *   (clause start, or a conjunctive particle like ので / から / けど / ば) through the predicate and what closes it
 *   (なので, で, 、) is left out — 「人混みは苦手なので静かな所がいい」 keeps 「静かな所がいい」.
 * - **Contrast** (〜ではなく, 〜じゃなければ, 〜以外なら, 〜より): the thing set aside, up to the marker, is left out and
 *   what follows it kept — 「大勢の集まりではなく、少人数で」 keeps 「少人数で」.
 * - **Denied refusal** (苦手ではない, 嫌いじゃない, 怖くない, 苦手なわけではない): the person is fine with the topic, so
 *   only the refusal word and its negation are left out and the topic kept — 「話すのが苦手ではない」 → 「話すのが」.
 * - **Lists**: a refusal whose phrase starts its clause also covers the noun-phrase items before it in the sentence
 *   (「子どもがいる所、うるさい所は避けたい」: both).
 * - A text that would be left with no words keeps its whole text (a query needs something to embed).
 */
export interface SignalText {
  /** The normalised needs with the refused phrases left out (or the whole normalised text: see above). */
  text: string;
  /** Spans left out, as [start, end) offsets into the normalised text, in order. */
  dropped: Array<[number, number]>;
}

/** What kind of phrase is left out; the search drops all of them (the eval can measure one kind kept). */
export type RefusalKind = 'avoid' | 'difficulty' | 'unneeded' | 'contrast';
export const REFUSAL_KINDS: readonly RefusalKind[] = ['avoid', 'difficulty', 'unneeded', 'contrast'];

export interface SignalTextOptions {
  /** The kinds of refusal left out; every kind by default. */
  kinds?: readonly RefusalKind[];
  /** What to do with a denied refusal (苦手ではない): drop only the refusal words (default), or keep the phrase as written. */
  denied?: 'drop-refusal' | 'keep';
}

/**
 * Predicates of refusal. Adjective-like stems stop before their ending (怖|つら) so that what follows (くない) can be
 * checked for a negation. 無理なく / 無理のない / 無理せず are not refusals, nor むりょう (無料) nor 嫌がらせ.
 */
const REFUSALS: Array<{ kind: Exclude<RefusalKind, 'contrast'>; pattern: string }> = [
  {
    kind: 'avoid',
    pattern:
      '避け(?:たい|て(?:いる|い|ほしい|ます)?|ます)|さけたい|遠慮(?:し(?:たい|ます|てい)|です)|嫌い|きらい|嫌(?!がら)|いや(?:だ|です|な(?=[場所人の]))|' +
      '(?<!間に)(?:合わ|あわ)な(?=[いく])|向いて(?:い)?な(?=[いく])|向かな(?=[いく])|たくな(?=[いく])|たくありません|ダメ|だめ|NG|[×✕✖]|' +
      '怖(?=[いくかが])|こわ(?=[いくかが])|恐(?=[いくかが])|抵抗(?:が|は)?(?:ある|あり)|抵抗感|気が進まな|勘弁|控えたい|' +
      // v2 (2026-11-30, a red-team of the concepts): a dislike, strain or a doctor's ban said plainly
      '好きでは(?:ない|なく|ありません)|好きじゃな|興味(?:が|は)?(?:ない|なく|ありません)|関心(?:が|は)?(?:ない|なく|ありません)|' +
      '緊張する|気後れ|疲れる|疲れてしまう|不安になる|ストレス|止められて|考えていな|状態では(?:ない|なく)',
  },
  {
    kind: 'unneeded',
    pattern:
      'なくても(?:いい|よい|良い|大丈夫|平気|かまわ|構わ|OK|ok)|なくて(?:いい|よい|良い|大丈夫|平気)|不要|いらな(?=[いく])|要らな(?=[いく])|' +
      '必要(?:は|が)?な(?=[いく])',
  },
  {
    kind: 'difficulty',
    pattern:
      '苦手|にがて|不得意|無理(?!な[くい]|の?ない|せず|しな|をし|をせ)|むり(?!ょう|な[くい]|の?ない|せず|しな|をし)|でき(?:な(?=[いく])|ません)|' +
      '出来(?:な(?=[いく])|ません)|得意(?:では|じゃ)(?:ない|なく|ありません)|自信(?:が|は)?な(?=[いく])|難し(?=[いく])|むずかし(?=[いく])|' +
      'しんど(?=[いく])|きつ(?=[いく])|つら(?=[いく])|辛(?=[いく])|苦痛|負担(?=に(?:な|感)|が大き|で|だ|。|$)|億劫|おっくう',
  },
];
const REFUSAL = new RegExp(REFUSALS.map((r) => `(${r.pattern})`).join('|'), 'gu');

/**
 * The refusal itself negated, right after it: 苦手ではない, 嫌いじゃない, 無理でもない, 苦手なわけではない,
 * 苦手というほどではない, 怖くない, できなくはない, 苦痛はない, 苦手とは思わない.
 */
const DENIED_AFTER = new RegExp(
  '^(?:(?:[いく])?(?:なの|な|の)?(?:で|じゃ)(?:は|も)?(?:ない|なく|ありません)|' +
    '[いく]?な?(?:という)?わけ(?:で|じゃ)(?:は|も)?(?:ない|なく|ありません)|' +
    '(?:という)?ほど(?:では|じゃ)(?:ない|なく|ありません)|く(?:は|も)?(?:ない|なく|なかった|ありません)|' +
    '(?:は|も)(?:ない|無い|なく|ありません)|[いく]?(?:とは|って)(?:思わ|思って(?:い)?な|感じな))',
  'u',
);

/**
 * Contrast markers: the thing before them is set aside, what follows is wanted. 〜ではなく (not 〜ではなくても), 〜じゃなければ,
 * 〜以外なら, and a comparison 〜より(も) after a noun (checked on the morphemes: より as a case particle, not 「より良い」).
 */
const CONTRAST =
  /(?:では|じゃ|で)なく(?:て)?(?!ても|てい|てよ|て大丈|て平)|(?:じゃ|で)なければ|(?:じゃ|で)ないなら|以外(?:なら|で|の|は)/gu;

/** A conjunctive particle that starts a new phrase (a reason or condition: 「体力がないので、重い物は無理」). */
const START_PARTICLES = new Set(['ので', 'から', 'けど', 'けれど', 'けれども', 'が', 'のに', 'し', 'ば', 'たら', 'ても', 'でも', 'ものの']);

const COMMA = /^[、，,]$/u;
/** A refusal heading a list: 「避けたいこと：」「苦手なもの:」「NG：」. */
const HEADING_AFTER = /^(?:[いく])?(?:な)?(?:こと|もの|の|事|物)?(?:は)?\s*[:：→=＝]/u;

interface Span {
  start: number;
  end: number;
  /** Only the refusal words of a denied refusal: never widened over a list. */
  narrow: boolean;
}

/** See the comment at the top of the file. Pure: the morphological analyser is passed in. */
export function signalText(text: string, tokenize: Tokenize, options: SignalTextOptions = {}): SignalText {
  const normalised = normalizeJapanese(text);
  const dropped = refusedSpans(normalised, tokenize, options);
  const kept = keep(normalised, dropped);
  // a needs text that only says what to avoid still needs a query: then the whole text is read
  if (!/[\p{L}\p{N}]/u.test(kept)) return { text: normalised, dropped: [] };
  return { text: kept, dropped };
}

/**
 * The refused phrases of an already normalised text, as [start, end) offsets in order (merged): what signalText leaves
 * out, also when that is the whole text. The concepts a person avoids are read from them (concepts.ts).
 */
export function refusedSpans(normalised: string, tokenize: Tokenize, options: SignalTextOptions = {}): Array<[number, number]> {
  const kinds = new Set(options.kinds ?? REFUSAL_KINDS);
  const clauses = clausesOf(normalised, tokenize);
  const spans: Span[] = [];
  for (const [index, clause] of clauses.entries()) {
    const morphemes = tokenize(clause.text);
    const local: Span[] = [];
    for (const m of clause.text.matchAll(REFUSAL)) {
      const kind = REFUSALS[m.slice(1).findIndex((g) => g !== undefined)].kind;
      const at = m.index;
      const end = at + m[0].length;
      const denied = DENIED_AFTER.exec(clause.text.slice(end));
      if (denied) {
        if (options.denied !== 'keep') local.push({ start: at, end: end + denied[0].length, narrow: true });
        continue;
      }
      if (!kinds.has(kind)) continue;
      // 「避けたいこと：電話、接客」: a heading; what it lists, to the end of the sentence, is refused
      const heading = HEADING_AFTER.exec(clause.text.slice(end));
      const to = heading ? clause.text.length + clause.after.length : phraseEnd(morphemes, end, clause.text.length);
      local.push({ start: phraseStart(morphemes, at), end: to, narrow: false });
    }
    if (kinds.has('contrast')) {
      for (const m of clause.text.matchAll(CONTRAST)) {
        // 「苦手ではなく」 is a denied refusal, handled above
        if (local.some((s) => s.narrow && m.index >= s.start && m.index < s.end)) continue;
        if (m.index === 0) continue;
        local.push({ start: phraseStart(morphemes, m.index), end: closingComma(clause.text, m.index + m[0].length), narrow: false });
      }
      for (const yori of comparedAway(morphemes)) local.push(yori);
    }
    for (const s of local) {
      const start = !s.narrow && s.start === 0 ? listStart(clauses, index, tokenize) : clause.start + s.start;
      spans.push({ start, end: clause.start + s.end, narrow: s.narrow });
    }
  }
  return merge(spans);
}

/**
 * Where the refused phrase starts: after the last conjunctive particle of reason or condition before the refusal
 * (ので, から, けど, ば …), or after an adjective's て-form (「怖くて」), else the clause's start. A verb's て-form
 * does not start a phrase: 「座って作業するのは無理」 is one phrase.
 */
function phraseStart(morphemes: Morpheme[], at: number): number {
  let start = 0;
  let since: Morpheme[] = [];
  for (const [i, m] of morphemes.entries()) {
    const end = m.start + m.surface.length;
    if (end > at) break;
    since.push(m);
    // clausesOf keeps a short noun phrase before a comma in the clause (a list item); 「週1回、」 is when, not an item
    if (COMMA.test(m.surface)) {
      if (!isListItem(since)) start = end;
      since = [];
      continue;
    }
    const previous = morphemes[i - 1];
    const reason = m.pos === '助詞' && m.posDetail === '接続助詞' && START_PARTICLES.has(m.surface);
    const adjectiveTe =
      m.pos === '助詞' &&
      m.posDetail === '接続助詞' &&
      m.surface === 'て' &&
      !!previous &&
      (previous.pos === '形容詞' || previous.pos === '助動詞');
    // 「苦手で、」「静かで」: the copula's continuative form closes a phrase (not 「で は ない」, read as a negation)
    const copula = m.pos === '助動詞' && m.surface === 'で' && !/^(?:は|も|な[いくけ])/u.test(morphemes[i + 1]?.surface ?? '');
    if (reason || adjectiveTe || copula) {
      start = end;
      since = [];
    }
  }
  return start;
}

/**
 * Where the refused phrase ends: through the endings that close the predicate (なので, で, です, 、) up to the first
 * word that says something new (「人混みは苦手なので静かな所」 ends before 静か).
 */
function phraseEnd(morphemes: Morpheme[], end: number, length: number): number {
  let to = end;
  for (const m of morphemes) {
    const mEnd = m.start + m.surface.length;
    if (mEnd <= end) continue;
    if (m.start < end) {
      to = mEnd; // the rest of a word the refusal starts (怖 → 怖く)
      continue;
    }
    const closing =
      m.pos === '助動詞' ||
      (m.pos === '助詞' && ['接続助詞', '終助詞', '係助詞', '副助詞／並立助詞／終助詞'].includes(m.posDetail)) ||
      m.pos === '記号' ||
      (m.pos === '名詞' && m.posDetail === '接尾' && m.surface === 'さ') ||
      (m.pos === '動詞' && m.posDetail === '非自立') ||
      (m.pos === '形容詞' && m.posDetail === '非自立') ||
      (m.pos === '名詞' && m.posDetail === '非自立' && /^(?:の|ん)$/u.test(m.surface)) ||
      (m.pos === '動詞' && /^(?:し|す|する|い|いる|あり|ある|思う|思い|感じる)$/u.test(m.surface));
    if (!closing) break;
    to = mEnd;
    // a conjunctive particle or a comma closes the phrase; what follows is a new one
    if (COMMA.test(m.surface)) break;
    if (m.pos === '助詞' && m.posDetail === '接続助詞') {
      const next = morphemes.find((n) => n.start === mEnd);
      if (next && COMMA.test(next.surface)) to = mEnd + next.surface.length;
      break;
    }
  }
  return Math.min(to, length);
}

/** After a contrast marker only the comma that closes it goes with it. */
function closingComma(text: string, end: number): number {
  return /^[、，,]/u.test(text.slice(end)) ? end + 1 : end;
}

/** 「料理より掃除がしたい」: the noun phrase before より(も) (a case particle after a noun) is set aside. */
function comparedAway(morphemes: Morpheme[]): Span[] {
  const spans: Span[] = [];
  for (const [i, m] of morphemes.entries()) {
    if (m.surface !== 'より' || m.pos !== '助詞' || i === 0) continue;
    const before = morphemes[i - 1];
    if (before.pos !== '名詞' || before.posDetail === '副詞可能' || before.posDetail === '非自立') continue;
    let end = m.start + m.surface.length;
    if (morphemes[i + 1]?.surface === 'も') end += 1;
    if (morphemes[i + 1]?.surface === '、' || morphemes[i + 2]?.surface === '、') end += 1;
    spans.push({ start: phraseStart(morphemes, m.start), end, narrow: false });
  }
  return spans;
}

/**
 * A refused phrase that starts its clause also covers the clauses before it in the sentence that are only noun phrases
 * before a comma (「子どもがいる所、お年寄りの多い所、にぎやかな所は避けたい」: the items of one list).
 */
function listStart(clauses: Clause[], index: number, tokenize: Tokenize): number {
  let start = clauses[index].start;
  for (let i = index - 1; i >= 0; i--) {
    const c = clauses[i];
    if (c.start + c.text.length !== start || !c.after || !isListItem(tokenize(c.text))) break;
    start = c.start;
  }
  return start;
}

/**
 * A list item: a clause ending on a noun (optionally + など / とか / や) and a comma — no predicate of its own — with no
 * number or word of time in it (「週1回、」「午後は、」 say when, not what).
 */
function isListItem(morphemes: Morpheme[]): boolean {
  const words = morphemes.filter((m) => m.pos !== '記号');
  if (!morphemes.length || !COMMA.test(morphemes[morphemes.length - 1].surface)) return false;
  if (words.some((m) => m.posDetail === '数' || m.posDetail === '副詞可能' || /[0-9]/u.test(m.surface))) return false;
  const tail = words[words.length - 1]?.surface ?? '';
  const last = /^(?:など|とか|や)$/u.test(tail) ? words[words.length - 2] : words[words.length - 1];
  return !!last && last.pos === '名詞' && last.posDetail !== '代名詞';
}

function merge(spans: Span[]): Array<[number, number]> {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const out: Array<[number, number]> = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last[1]) last[1] = Math.max(last[1], s.end);
    else out.push([s.start, s.end]);
  }
  return out;
}

function keep(text: string, dropped: Array<[number, number]>): string {
  let out = '';
  let from = 0;
  for (const [start, end] of dropped) {
    out += text.slice(from, start);
    from = end;
  }
  return (out + text.slice(from)).replace(/[ \t\u3000]{2,}/gu, ' ').trim();
}
