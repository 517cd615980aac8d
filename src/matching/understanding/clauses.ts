import type { Morpheme } from '../../common/japanese/tokenizer';
import { CLEFT_THIRD_PERSON, FAMILY, RELATIVE_THIRD_PERSON } from './scope';

/** A morphological analyser: the service passes JapaneseTokenizer.tokens; offsets are into the text given. */
export type Tokenize = (text: string) => Morpheme[];

/**
 * A stretch of one sentence that a rule reads on its own, so that a negation, a past or someone else's
 * situation in one clause does not touch another (「午前中は無理だけど、午後からなら大丈夫」).
 */
export interface Clause {
  /** The clause's text (normalised). */
  text: string;
  /** Offset of the clause in the normalised needs text. */
  start: number;
  /** The rest of the sentence after this clause (for 「…苦手だったが、今は平気」). */
  after: string;
  /**
   * Where in the clause a family member becomes the subject (母が…, 父は…): readings from there on are not the person's.
   * 0 when carried over from the previous clause (until 本人/自分 comes back); Infinity when none.
   */
  thirdPersonFrom: number;
  /** A relative clause whose subject is a family member (父がデイサービスに行く火曜): [start, end), theirs (v2). */
  relative?: [number, number];
  /** The clause speaks of the past that is over (以前は…, 昔は…). */
  past: boolean;
}

/**
 * Conjunctive particles (接続助詞) that close a clause: contrast and listing. A reason (ので, から) does not: what follows
 * it often answers it (「夜は家族の世話があるので無理」, 「外は苦手なので室内」).
 */
const CLAUSE_PARTICLES = new Set(['が', 'けど', 'けれど', 'けれども', 'のに', 'し', 'ものの']);
/** A clause ending on a conjunction hands the subject back: 「父が入院中なので、土日なら」 is the person's 土日. */
const ENDS_ON_CONJUNCTION = /(?:ので|から|ため|けど|けれど|けれども|が|のに|し|ものの)[、，,]?$/u;
/** A sentence ends on 。！？, a line break, or a full stop that is not a decimal point (1.5時間: v3). */
const SENTENCE_END = /(?:[^。．.！!？?\n]|(?<=[0-9])[.．](?=[0-9]))+[。．.！!？?\n]*/gu;
const COMMA = new Set(['、', '，', ',']);

/**
 * A family member as the subject: 「母が腰が悪く」「父は人と話すのが苦手」 (not 「母親の話では」, not 「父母の会」).
 * v3: an age or a note in brackets may follow a parent or sibling (母親（75）は). Not a child: in a parent's call
 * 「息子（30代）は」 is the person the needs are about.
 */
const BRACKETED_RELATIVE = '(?:両親|母親|父親|母|父|姉|兄|妹|弟|祖母|祖父|夫|妻)\\([^)]{0,8}\\)';
const THIRD_PERSON = new RegExp(
  `(?:^|[^父母])(?:${FAMILY}(?:さん)?|${BRACKETED_RELATIVE})(?:が|は|も)(?!一緒|付き添|心配|気にな|気がかり)|` +
    // v4: a family member's schedule (夫の仕事が土日休み, 母の通院は火曜)
    `(?:^|[^父母])${FAMILY}(?:さん)?の(?:仕事|勤務|休み|予定|通院|デイサービス|デイケア|学校|部活|シフト)(?:が|は|も)` +
    // …but 「父のデイサービスがある月曜」 names the person's day by it
    '(?!(?:ある|入る|ない)(?:[月火水木金土日]|平日|週末|土日|日|時))',
  'u',
);
/**
 * v4: when a parent tells the needs (母より, 父から「…」, 母によると), 息子 / 娘 / うちの子 is the person the needs are about,
 * not a third person.
 */
const PARENT_TELLS = /(?:両親|母親|父親|母|父)(?:\([^)]{0,8}\))?(?:より|から|によると|の話では|[:「])/u;
/**
 * v4: a family member's quoted words that carry their own wish for the person (母「外に出てほしい、毎日でもいいから」):
 * the quote is theirs, not the person's (a quote describing the person, 母「うちの子は運転できない」, still counts).
 */
const FAMILY_WISH_QUOTE = new RegExp(
  `${FAMILY}(?:\\([^)]{0,8}\\))?(?:より|から)?[:]?「[^」]*?(?:て|で)(?:ほしい|欲しい|もらいたい)[^」]*」`,
  'gu',
);
const CHILD_SUBJECT = /^(?:息子|娘)(?:さん)?(?:\([^)]{0,8}\))?(?:が|は|も)/u;
const SELF = /(?:本人|自分|私|わたし|僕|ぼく)(?:が|は|も|自身)/u;
/** 以前は / 昔は / 前は (at the clause's start: not 「大勢の前は」) / 若い頃. */
const PAST =
  /(?:以前|昔|かつて)(?:は|まで)|(?:去年|昨年|先月|先週|当時|前の職場)(?:まで)?(?:は|で)|^\s*前は|若い頃|(?:子ども|子供|小さい|学生|小学生|中学生|高校生)の?(?:頃|とき|時)(?:は|に)|学生時代/u;

/**
 * v3: a clause that ends on a past tense and a contrast (「地元の会社で働いていたが、」「…とのことだったが、」) tells what
 * was, and the sentence goes on to what is.
 */
const PAST_THEN_CONTRAST =
  /(?:ていた|でいた|だった|でした|ました|かった|[っしきちみびりめけせねべえげれ]た|んだ)(?:が|けど|けれど|けれども)[、，,]?\s*$/u;

/** Splits normalised text into sentences and clauses (kuromoji decides which が/から are conjunctions). */
export function clausesOf(normalised: string, tokenize: Tokenize): Clause[] {
  const clauses: Clause[] = [];
  const parentTells = PARENT_TELLS.test(normalised);
  const theirQuotes = [...normalised.matchAll(FAMILY_WISH_QUOTE)].map((m) => [m.index, m.index + m[0].length]);
  for (const sentence of normalised.matchAll(SENTENCE_END)) {
    const text = sentence[0];
    const base = sentence.index ?? 0;
    const cuts: number[] = [];
    // v3: the morphemes since the last cut, to tell a listed noun phrase (「大きな音、人混み、接客はどれも無理」)
    let since: Morpheme[] = [];
    for (const m of tokenize(text)) {
      const end = m.start + m.surface.length;
      const comma = COMMA.has(m.surface);
      if (!comma && !(m.pos === '助詞' && m.posDetail === '接続助詞' && CLAUSE_PARTICLES.has(m.surface))) {
        since.push(m);
        continue;
      }
      if (comma && cuts[cuts.length - 1] === m.start) cuts[cuts.length - 1] = end;
      else if (!(comma && listedNounPhrase(since))) cuts.push(end);
      since = [];
    }
    let from = 0;
    let carried = false;
    for (const to of [...cuts, text.length]) {
      if (to <= from) continue;
      const part = text.slice(from, to);
      const self = SELF.test(part);
      const { family, relative } = familySubject(part, parentTells);
      const quoted = theirQuotes.some(([qs, qe]) => base + from >= qs && base + to <= qe);
      const thirdPersonFrom: number = CLEFT_THIRD_PERSON.test(part) || (carried && !self) || quoted ? 0 : family;
      carried = thirdPersonFrom !== Infinity && !self && !ENDS_ON_CONJUNCTION.test(part);
      clauses.push({
        text: part,
        start: base + from,
        after: text.slice(to),
        thirdPersonFrom,
        relative,
        past: PAST.test(part) || PAST_THEN_CONTRAST.test(part),
      });
      from = to;
    }
  }
  return clauses;
}

/**
 * v3: a short noun phrase before a comma (大きな音、 / 人混み、) is an item of a list, and what the sentence says next
 * is said of it too: no cut. Only nouns, の and attributive words; at most 8 characters.
 */
function listedNounPhrase(since: Morpheme[]): boolean {
  if (!since.length || since[since.length - 1].pos !== '名詞') return false;
  if (since.reduce((n, m) => n + m.surface.length, 0) > 8) return false;
  return since.every((m) => m.pos === '名詞' || m.pos === '連体詞' || m.pos === '接頭詞' || (m.pos === '助詞' && m.surface === 'の'));
}

/** Where a family member becomes the subject, skipping one who is only the subject of a relative clause (v2). */
function familySubject(part: string, parentTells: boolean): { family: number; relative?: [number, number] } {
  const m = RELATIVE_THIRD_PERSON.exec(part);
  const relative: [number, number] | undefined = m ? [m.index, m.index + m[0].length] : undefined;
  let from = relative ? relative[1] : 0;
  for (;;) {
    const family = THIRD_PERSON.exec(part.slice(from));
    if (!family) return { family: Infinity, relative };
    const at = from + family.index + (family[0].length > 0 && /^[^両母父姉兄妹弟祖家息娘夫妻親義き]/u.test(family[0]) ? 1 : 0);
    // a parent's call: the son or daughter named is the person
    if (!(parentTells && CHILD_SUBJECT.test(part.slice(at)))) return { family: from + family.index, relative };
    from = at + 2;
  }
}

/** Whether a reading at `index` of the clause is someone else's (a family subject, or inside their relative clause). */
export function othersAt(clause: Clause, index: number): boolean {
  return index >= clause.thirdPersonFrom || (!!clause.relative && index >= clause.relative[0] && index < clause.relative[1]);
}
