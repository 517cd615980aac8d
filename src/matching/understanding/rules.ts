import { FAMILY } from './scope';
import type { UnderstoodField } from './vocabulary';

/**
 * The rule set of 希望文の読み取り (docs/matching.md). Each rule is a pattern over one clause of the normalised
 * needs text (NFKC: 全角数字 are ASCII, 〜 is ~) and a check of what follows it in the clause:
 * - `difficulty`: the pattern ends on a difficulty (苦手, 無理, 持てない …); it is cancelled when the difficulty itself
 *   is negated right after it (苦手ではない, 嫌じゃない, 難しくない, 悪いわけではない).
 * - `wish`: a wish (静かな所, 送迎があれば …); cancelled when the clause goes on to refuse it (オンラインは苦手,
 *   送迎はなくても大丈夫, 近所だと…嫌).
 * - `when`: a day or time; cancelled when the clause says it is taken or impossible (午前中は無理, 平日は仕事).
 * - `none`: the pattern carries its own meaning (昼夜逆転, 腰痛).
 * Clauses whose subject is a family member, or that speak of a past that is over, give nothing (needs-understanding.ts).
 */
export type Check = 'difficulty' | 'wish' | 'when' | 'none';

/**
 * The version of the rule set (v1 half a, v2 half b's errors, v3 paraphrase families and kana forms, v4 days refused or
 * busy → the other days, day ranges and memo forms (月〜金, 火木PM), a parent's call: docs/matching.md §7). Nothing
 * derived from it is stored (the needs are read at each search), so raising it re-reads everything at once;
 * `npm run eval:understanding` prints it beside its figures.
 */
export const UNDERSTANDING_RULES_VERSION = 4;

export interface Rule {
  field: UnderstoodField;
  pattern: RegExp;
  check: Check;
  /** The values one match gives; a function when they depend on the match (numbers) or on what follows (rest). */
  values: readonly (string | number)[] | ((m: RegExpExecArray, rest: string) => (string | number)[]);
}

/** v2: someone's claim denied (体力がないとは思わない): the difficulty is not the person's. */
const DENIED =
  '(?:(?:とは|って)(?:思わ|思って(?:い)?な|思いません|感じ(?:て(?:い)?)?な)|と(?:は)?(?:思った|感じた)こと(?:は|が|も)?(?:ない|ありません))';
/** The difficulty itself negated: 苦手ではない / 嫌じゃない / 難しくない / 悪いわけではない / 苦手でもない. */
export const NEGATED_AFTER = new RegExp(
  // v3: 不安はない / 抵抗はない (the difficulty noun denied), 苦手というほどではない

  `^(?:(?:なの|の)?(?:で|じゃ|でも)(?:は|も)?(?:ない|なく|なかった|ありません)|がら(?:ない|ず|なかった)|な?(?:という)?わけ(?:で|じゃ)(?:は|も)?(?:ない|なく)|` +
    `くない|くはない|くなかった|くもない|(?:こと|わけ)(?:は|も)(?:ない|ありません)|(?:は|も)(?:ない|無い|ありません|感じない)|(?:という)?ほど(?:では|じゃ)(?:ない|ありません)|${DENIED})`,
  'u',
);
/** A wish refused later in the clause. */
export const REFUSED_LATER = new RegExp(
  '苦手|にがて|嫌|いや[だで]|興味(?:が|は)?(?:ない|なく|ありません)|関心(?:が|は)?(?:ない|なく|ありません)|' +
    '気にしない|問わない|こだわらない|求めていない|求めてない|なくても|なくて(?:も)?(?:いい|大丈夫|平気)|いらない|要らない|不要|必要(?:は)?ない|避けたい|ダメ|だめ|無理(?!なく|のない|' +
    'せず)|気が進まない|面倒|困る|な(?:い|し)(?:方|ほう)が|寂し|さみし|さびし|怖(?!くな)|こわ(?!くな)',
  'u',
);
/** v4: 「見学なしで」: the thing itself said to be absent. */
export const ABSENT_AFTER = /^(?:は|も)?(?:なし|無し)/u;
/** v4: 「黙々とする作業は得意」: a strength the person has, not a wish (the guide: do not infer what is not said). */
export const STRENGTH_AFTER = /^[^、。]{0,12}?(?:は|が|も)得意(?!ではな|じゃな|で(?:は|も)な)/u;
/** v3: 「オンラインより対面」「午前より午後」: the thing compared away. */
export const COMPARED_AWAY = /^(?:で(?:の|する))?(?:より|よりも)(?!前|後)/u;
/** v3: what makes a place refused for the setting (外での作業はしんどい → indoor), besides REFUSED_LATER. */
export const SETTING_REFUSED = /しんど|きつ[いく]|つら[いく]|辛[いく]|苦痛|怖(?:い|く)?|こわ(?:い|く)?|暑|寒|[×✕✖]|NG/u;
/** A day or time taken or impossible, later in the clause. */
export const TAKEN_LATER = new RegExp(
  // v4: not when the refusal itself is denied (平日は無理ではない); 「水曜はちょっと…」 trails off as a refusal
  '(?:ちょっと(?=[…。.！!]|$)|ダメ|だめ|無理(?!なく|のない|せず)|難しい|厳し|仕事が|仕事で|仕事な|予定|用事|都合が悪|埋ま|行けない|いけない|通えない|' +
    // v4: polite and other forms of cannot go
    '行けません|行けず|通えません|参加できません|出られな|出られません|出れな|嫌(?:だ|です|[。.！!]|$|とのこと)|忙しい|通院|付き添い|できない|苦手|にがて|' +
    '避けたい|もたない|持たない|NG|不可|[×✕✖]|(?:調子|体調|具合)が(?:悪|よくな|良くな)|起きられ|起きれな|寝てい|ねてい|に通って(?:いる|います|る)|に行って(?:いる|' +
    'います)|空けられな|あけられな|離れられな|(?:きつい|しんどい|つらい|辛い)|人目|人の目|気になる|眠れ|寝られ|ねむれ|' +
    '(?:仕事|学校|バイト|パート|通所|デイケア)(?:[。.！!]|$|です|だから|だし|だけど))(?!(?:では|じゃ|でも)(?:ない|なく|ありません))',
  'u',
);
/** v3: a wish told as what happened (近所のスーパーへ行くようになった): a report, not a wish — unless it is quoted. */
export const HAPPENED_LATER = /(?:[っしいきちみびりめけせてねべえげれ来]た|んだ|ました)\s*$/u;
const QUOTED = /[「」『』]|と(?:も|は)?(?:言|話|思|い[うっ]|の(?:こと|話))/u;
export const happened = (rest: string) => HAPPENED_LATER.test(rest.replace(/[。．.！!]+$/u, '')) && !QUOTED.test(rest);
/** 「…苦手だったが、今は平気」: a difficulty that is over. */
/** v3: a difficulty or a state said to have improved (昼夜逆転は改善してきた). */
export const IMPROVED_AFTER = /^(?:は|も|が)?[^、。]{0,6}?(?:改善|治っ|治り|直っ|解消|良くなっ|よくなっ)/u;
export const OVER_NOW =
  /^(?:だった|でした|かった)[^。]*?(?:今|最近|いま)(?:は|では|は もう|はもう)?[^。]*?(?:平気|大丈夫|問題ない|慣れ|治|克服|できる|困っていない|困ってない)/u;

/** Numbers as people write them: ASCII (after NFKC) or 一…十. */
const N = '([0-9]+(?:\\.[0-9]+)?|[一二三四五六七八九十]+)';
const KANJI_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

export function parseNumber(text: string): number {
  if (/^[0-9.]+$/u.test(text)) return Number(text);
  // 十 = 10, 十二 = 12, 二十 = 20
  const [tens, ones] = text.includes('十') ? text.split('十') : ['', text];
  const t = text.includes('十') ? (tens ? KANJI_DIGITS[tens] : 1) * 10 : 0;
  return t + (ones ? (KANJI_DIGITS[ones] ?? 0) : 0);
}

/** Words that may stand between 朝 and how hard it is (a lexicon, not any characters: 朝から夕方まで…無理 is not it). */
const MORNING_FILLER = '(?:どうしても|ちょっと|なかなか|少し|いつも|本当に|特に|体が|身体が){0,2}';

/**
 * The part of the day an hour falls in (19時 → evening); before 5 nothing. v3: a word before the hour says which half
 * of the day it is (夕方5時, 夜7時 → evening; 午後2時 → 14時).
 */
function partOf(m: RegExpExecArray | string[]): string[] {
  const said = m[1];
  if (said === '夕方' || said === '夜' || said === '晩') return ['evening'];
  const h = parseNumber(m[2]) + (said === '午後' && parseNumber(m[2]) < 12 ? 12 : 0);
  if (said === '朝' || said === '午前') return h < 12 ? ['morning'] : [];
  return h >= 17 && h <= 24 ? ['evening'] : h >= 12 ? ['afternoon'] : h >= 5 ? ['morning'] : [];
}

/** v4: the end of a clock range after its start (〜16時, から17時). */
const CLOCK_RANGE_END = new RegExp(`^(?:[~-]|から)?(夕方|夜|晩|午後|朝|午前)?${N}時`, 'u');

/** A range 2〜3 counts as its upper end (the guide: soft constraints, the most the person said they can do). */
function upper(m: RegExpExecArray, low: number, high: number): number {
  return parseNumber(m[high] ?? m[low]);
}

const DAY_CHARS: Record<string, string> = { 月: 'mon', 火: 'tue', 水: 'wed', 木: 'thu', 金: 'fri', 土: 'sat', 日: 'sun' };
/** Kana-only memos (どようび): rules v2. */
const KANA_DAYS: Record<string, string> = { げつ: 'mon', か: 'tue', すい: 'wed', もく: 'thu', きん: 'fri', ど: 'sat', にち: 'sun' };
/** Kana numbers of a count (しゅうに にかい): rules v3. */
const KANA_COUNTS: Record<string, number> = { いっ: 1, いち: 1, に: 2, さん: 3, よん: 4 };
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'];
const ALL_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
/** 以外 / じゃなければ right after the days: every other day. */
export const EXCEPT_AFTER = /^(?:の日|曜日|曜)?(?:以外|いがい|じゃなければ|でなければ|じゃない日|でない日|を除く|は除く)/u;

/**
 * 平日, 週末, 土日(祝), 月・水・金, 火曜(日) — a lone 日 or 月 (毎日, 月2回) is not a day. v3: days run together
 * (火木なら, 月水金は) when a particle or 曜 follows and not after a word they would be part of (年月日, 毎日曜); the
 * reader keeps only runs in the order of the week (月日 is not two days).
 */
export const DAY_PATTERN = new RegExp(
  // v4: kana without び (どよう, にちよう; not かよう: 通う), a list joined by と/や ending on 曜 (月と木曜), a lone day in
  // a memo before AM/PM (土AMのみ), runs before AM/PM or 可 (火木PM可)
  '(?:げつ|か|すい|もく|きん|ど|にち)ようび|(?:げつ|すい|もく|きん|ど|にち)よう(?!び|ひん|品)|へいじつ|しゅうまつ|どにち|平日|週末|土日(?:祝)?|' +
    '[月火水木金土日](?:[・/][月火水木金土日])+(?:曜日?)?|(?<![年毎今本先来昨休祝平半同当明数何後前翌隔])[月火水木金土日](?:[とや][月火水木金土日])+曜日?|' +
    '[月火水木金土日]曜日?|(?<![年毎今本先来昨休祝平半同当明数何後前翌隔])[月火水木金土日]{2,3}(?:曜日?)?(?=なら|は|の|に|で|か|と|が|を|も|だけ|OK|' +
    'ok|可|AM|PM|am|pm|午前|午後|夕方|夜|、|。|\\s|$)|(?<![\\p{sc=Han}0-9])[月火水木金土日](?=AM|PM|am|pm|午前|午後)',
  'gu',
);

export function daysOf(expression: string): string[] {
  if (expression === '平日' || expression === 'へいじつ') return WEEKDAYS;
  if (expression === '週末' || expression === 'しゅうまつ' || expression === 'どにち' || expression.startsWith('土日'))
    return ['sat', 'sun'];
  if (expression.endsWith('よう') || expression.endsWith('ようび')) return [KANA_DAYS[expression.replace(/ようび?$/u, '')]];
  return [...expression.replace(/曜日?/gu, '')].filter((ch) => DAY_CHARS[ch]).map((ch) => DAY_CHARS[ch]);
}

export function otherDays(days: string[]): string[] {
  return ALL_DAYS.filter((d) => !days.includes(d));
}

/** v3: difficulty words every kind shares (a burden, a reluctance, kana forms). */
const SHARED_DIFFICULTY =
  // 力仕事じゃなければ / 接客以外なら: the topic excluded

  'じゃなければ|でなければ|じゃないなら|以外(?:なら|で|の)|得意ではない|得意じゃない|苦痛|負担|億劫|おっくう|気が重(?:い|く)?|向いていない|向いてない|ハードルが高(?:い|' +
  'く)?|したくない|やりたくない|控えたい|勘弁|抵抗(?:が|は)?ある|抵抗感|' +
  'にがて|むり|こわい|むずかし(?:い|く)?|しんどい|つらい|きつい|不安|ふあん|自信がな(?:い|く)?|だめ|ダメ|NG|[×✕✖]';
const TALK_TOPIC =
  '(?:声を出す|人と(?:話|喋|しゃべ|関わ|かかわ|接す|接し|やりとり|やり取り|会う|会っ)|人に会う|ひとと(?:はな|しゃべ|かかわ)|人との(?:会話|関わり|かかわり|やりとり|' +
  'やり取り)|話すの|話すこと|はなすの|はなすこと|しゃべるの|喋るの|会話|かいわ|おしゃべり|お喋り|雑談|対人|接客|人付き合い|人づきあい|コミュニケーション|電話(?:対応|' +
  '応対|に出る|で話|が|は|だと|と|や|も)|会議|人前|ひとまえ|人の輪|輪に入|発言|発表|自己紹介|知らない人と|初対面|人と顔を合わせ|(?:人と)?目を合わせ|話しかけられ|声をかけられ|話し合い)';
const TALK_DIFFICULTY =
  `(?:苦手|無理|怖い|怖く|恐い|難しい|避けたい|嫌い|嫌|いや|少なめ|少ない|すくない|少ないほう|少ない方|最小限|最低限|緊張|辛い|できない|疲れ|つかれ|得意ではない|` +
  `得意じゃない|ちょっと|固ま|パニック|頭が真っ白|(?:かけ|掛け|出)られな|震え|ふるえ|動悸|ドキドキ|どきどき|${SHARED_DIFFICULTY})`;
const PHYSICAL_TOPIC =
  '(?:立ち仕事|立ち作業|立ったまま|(?:長時間|長く|ずっと)座|たちしごと|立ちっぱなし|立ち続け|長時間立|長く立|ずっと立|体力|たいりょく|力仕事|ちからしごと|重い物|' +
  '重いもの|おもいもの|重いの|重たい|立ってるの|立っているの|重い荷物|重量物|体を動かす|からだを動かす|体を使う|肉体労働|重労働|動き回る|歩き回る|歩くの|歩くこと|長い距離|長距離を?歩|階段|しゃがむ|' +
  'かがむ|屈む|中腰|持ち上げ|運ぶの|激しい(?:運動|動き)|ハードな|力のいる|力が(?:いる|要る)|力を使う)';
const PHYSICAL_DIFFICULTY =
  `(?:苦手|無理|難しい|ちょっと|持てない|できない|落ち(?:て|た)|衰え|動けな|続かな|辛い|避けたい|嫌い|嫌|もたない|持たない|` +
  `(?:が|は)(?:ない|無い)|止められ|禁止|${SHARED_DIFFICULTY})`;
const LITERACY_TOPIC =
  '(?:読み書き|よみかき|字を書|字が|じを(?:かく|書)|じが|文字|漢字|かんじ|書類|文章|読むの|書くの|よむの|かくの|読むこと|書くこと|記入|筆記|書き物|手書き|メモ(?:を)?取)';
const LITERACY_DIFFICULTY = `(?:苦手|無理|読めない|書けない|よめない|かけない|難しい|できない|避けたい|ちょっと|嫌い|嫌|遅い|おそい|時間がかかる|わからない|分からない|震え|${SHARED_DIFFICULTY})`;
/** Topic, then the difficulty a few characters on in the same clause. */
/**
 * Between a topic and its difficulty: a few characters of the clause. v3: a clause keeps a comma only between the items
 * of a list (clauses.ts), so the gap may cross one (「大きな音、人混み、接客はどれも無理」) and is a little longer then.
 */
const GAP = '(?:[^。、,]{0,10}?|[^。、,]{0,10}?[、,][^。]{0,16}?)';
const difficulty = (topic: string, hard: string) => new RegExp(`${topic}${GAP}${hard}`, 'gu');

const accommodation = (value: string, pattern: RegExp, check: Check = 'wish'): Rule => ({
  field: 'preferredAccommodations',
  pattern,
  check,
  values: [value],
});

/** Travel cues before a duration: the minutes are the way there, not the activity. */
export const TRAVEL_CUE = /バス|電車|歩いて|徒歩|自転車|車で|移動|片道|通うのに|通勤|家から|自宅から|まで行く/u;
/** v2: a travel verb right after the duration (1時間以内で通える, 30分で行ける). */
export const TRAVEL_AFTER = /^(?:以内|まで|くらい|ぐらい|程度|ほど)?(?:で|なら|だと)?(?:通え|通う|行け|いけ|行く|着)/u;

export const RULES: Rule[] = [
  // avoid — a topic and a difficulty in one clause; a liking (人と話すのが好き) has no difficulty and gives nothing.
  { field: 'avoid', pattern: difficulty(TALK_TOPIC, TALK_DIFFICULTY), check: 'difficulty', values: ['talking'] },
  // v2: not having to talk wished for (あまり話さなくて済む); v3: talk wished absent (会話がない仕事, 会話は不要).
  {
    field: 'avoid',
    pattern: new RegExp(
      '目(?:を|も)合わせ(?:ない|られない|られず)|(?:喋ら|しゃべら|話さ|はなさ)(?:なくて|ずに|ないで)(?:も)?(?:いい|よい|済|すむ|でき)|' +
        '人と(?:関わら|かかわら|話さ|しゃべら|接し)ない(?:で|仕事|作業|所|ところ|場|ほう|方)|(?:会話|かいわ|おしゃべり)(?:が|は|の)?(?:ない|無い|' +
        'なし|少ない|すくない|ほとんどない)(?:ほう|方)?(?:が)?(?:いい|良い|よい|希望|所|ところ|場|仕事|作業)|(?:会話|かいわ|おしゃべり)(?:は|が)?(?:いらない|' +
        '要らない|不要)',
      'gu',
    ),
    check: 'none',
    values: ['talking'],
  },
  // v3: a difficulty that is itself the word (人見知り, 対人恐怖); 人見知りはしない is negated.
  {
    field: 'avoid',
    pattern: /人見知り(?!(?:は|も)?(?:しない|しません))|ひとみしり|対人恐怖|社交不安|(?:場面)?緘黙/gu,
    check: 'difficulty',
    values: ['talking'],
  },
  { field: 'avoid', pattern: difficulty(PHYSICAL_TOPIC, PHYSICAL_DIFFICULTY), check: 'difficulty', values: ['physical'] },
  {
    field: 'avoid',
    pattern: new RegExp(
      // v4: a wheelchair said with it is read as barrier_free only (the guide: the more specific field)
      '(?:長く|長時間|ずっと)立って(?:い)?られな|(?:足|脚)が不自由(?![^。]{0,12}?(?:車椅子|車いす|車イス|くるまいす))|' +
        '(?:長く|長時間|遠くまで)歩けない|(?:腰|こし|膝|ひざ|足腰|足|脚)(?:が|を)?(?:悪い|悪く|悪|痛め|痛い|痛く|弱い|弱く|わるい|' +
        'わるく|きつ(?:い|く)?|つら(?:い|く)?)|' +
        '(?:腰|膝|ひざ|足腰)に(?:くる|来る|響|負担)|腰痛|ヘルニア|リウマチ|疲れやすい|つかれやすい|疲れが出やすい|すぐ(?:に)?疲れ|息切れ|(?:体|からだ|身体)が(?:弱|よわ|ついていかな|ついていけな|もたな|' +
        '持たな)|無理が(?:きかない|利かない|効かない)',
      'gu',
    ),
    check: 'difficulty',
    values: ['physical'],
  },
  { field: 'avoid', pattern: difficulty(LITERACY_TOPIC, LITERACY_DIFFICULTY), check: 'difficulty', values: ['literacy'] },
  // v3: reading help wished for (ふりがながあれば), or only kana read (ひらがなしか読めない).
  {
    field: 'avoid',
    pattern:
      /(?:ふりがな|振り仮名|ルビ)(?:が|を|も)?(?:あれば|あると|ふって|振って|ほしい|欲しい|つ|付)|(?:ひらがな|平仮名|カタカナ)(?:しか|だけ)(?:読め|よめ|書け|かけ)/gu,
    check: 'wish',
    values: ['literacy'],
  },
  // v4: a reading or writing disorder named (ディスレクシア)
  { field: 'avoid', pattern: /ディスレクシア|読字障害|書字障害|読み書き障害/gu, check: 'difficulty', values: ['literacy'] },

  // preferredAccommodations
  accommodation(
    'quiet',
    // v3: a calm person or day described (静かに過ごしている, 静かな口調) is not a wish for a quiet place
    new RegExp(
      '静か(?!すぎ|過ぎ|に(?:過ご|して|話)|な(?:口調|声|性格|人|子|方|タイプ))(?:な(?:場所|所|ところ|環境|部屋))?|しずか|落ち着いた(?:場所|所|ところ|' +
        '雰囲気|環境)|落ち着ける(?:場所|所|ところ)|落ち着いて(?:作業|過ごせ|いられ)',
      'gu',
    ),
  ),
  // v3: noise refused (騒がしい所は苦手, 大きな音が怖い) → quiet
  accommodation(
    'quiet',
    new RegExp(
      `(?:騒がし|さわがし|うるさ|にぎやか|賑やか|騒々し|ざわざわ|がやがや|ザワザワ|ガヤガヤ|ワイワイ|大きな音|大きい音|物音|騒音|音(?:が|の)?(?:大き|うるさ))${GAP}(?:苦手|疲れ|` +
        `つかれ|嫌|いや|避けたい|怖(?:い|く)?|こわ(?:い|く)?|パニック|しんど(?:い|く)?|つら(?:い|く)?|辛(?:い|く)?|きつ(?:い|く)?|だめ|ダメ|無理|むり|にがて)|聴覚過敏|音に敏感`,
      'gu',
    ),
    'difficulty',
  ),
  accommodation(
    'small_group',
    new RegExp(
      '少人数|小人数|人数が少な|少ない人数|人(?:が|の)少な|ひと(?:が|の)すくな|小さな(?:集まり|グループ|会)|小規模|こぢんまり|こじんまり|数人(?:の(?:集まり|' +
        'グループ)|で(?:の)?(?:作業|活動)|程度の|くらいの)',
      'gu',
    ),
  ),
  // v3: a number of people small enough (3〜4人の集まり, 5人くらいで)
  {
    field: 'preferredAccommodations',
    pattern: new RegExp(
      `${N}(?:[~-]${N})?人(?:くらい|ぐらい|程度|ほど|まで)?(?:の|で)(?:小さな|少人数の)?(?:集まり|グループ|作業|活動|会)`,
      'gu',
    ),
    check: 'wish',
    // 一人で作業 is solo work, not a small group; more than ten is not small
    values: (m) => (upper(m, 1, 2) >= 2 && upper(m, 1, 2) <= 10 ? ['small_group'] : []),
  },
  accommodation(
    'small_group',
    new RegExp(
      `(?:大勢|おおぜい|大人数|(?<!若い|わかい|年配の|年上の|男性の|女性の|男の|女の|な)人(?:が|の)多[いく]|人(?:が|の)たくさん|たくさんの人|人が大勢|ひと(?:が|` +
        `の)おおい|人(?:が|で)?いっぱい|人混み|人ごみ|ひとごみ|集団|大きな集まり|大きい集まり|大きなイベント)${GAP}(?:苦手|疲れ|つかれ|緊張|難しい|無理|嫌|怖(?:い|く)?|しんど(?:い|く)?|ちょっと|不安|ダメ|` +
        `だめ|にがて|むり|こわ(?:い|く)?|つら(?:い|く)?|辛(?:い|く)?|きつ(?:い|く)?|避け|パニック|苦痛|息苦し|寝込|(?:具合|体調|気分)が悪)`,
      'gu',
    ),
    'difficulty',
  ),
  // 一人で乗れる / 一人で行ける: getting somewhere alone, not working alone (v2).
  accommodation(
    'solo_work',
    /(?:一人|ひとり|1人)(?:で(?!は|乗|行|いる|いられ|居|通|来|出|外出|暮ら|住|留守|電車|バス|こな|抱え|悩)|作業|仕事)|個人(?:作業|で(?:でき|やれ|作業))|黙々と?|もくもくと/gu,
  ),
  accommodation(
    'seated',
    new RegExp(
      '座って(?!いるの|いるこ|ばかり)|すわって|座れ(?:ない|なかったら)と?[^、。]{0,4}?(?:つら|きつ(?:い|く)?|無理|困|不安|しんど(?:い|く)?)|座り(?:作業|仕事)|座れる|すわれる|' +
        '座ったまま|椅子に座|椅子が(?:ある|あれば)|デスクワーク|机(?:に向かって|で(?:の)?(?:作業|仕事|でき))',
      'gu',
    ),
  ),
  accommodation(
    'short_hours',
    /短時間|たんじかん|少しの時間|短い時間|短め|みじかめ|みじかい時間|ちょっとの時間|(?:少し|ちょっと)(?:だけ)?顔を出す|顔を出す(?:程度|くらい)/gu,
  ),
  // v3: a long stay refused (長時間は無理, 長くはいられない); not a long standing or walking, which is physical.
  accommodation(
    'short_hours',
    new RegExp(
      '(?<!(?:立ち仕事|立ちっぱなし|立って|歩く|歩き|座る|座り|座って|運転)[^、。]{0,4})(?:長時間|長い時間|長く|ながく)(?!の?(?:立|歩|座|移動|運転|' +
        '通))(?:は|が|の|も)?[^。、,]{0,6}?(?:無理|難し|もたな|持たな|きつ(?:い|く)?|つら(?:い|く)?|辛(?:い|く)?|苦手|できな|ダメ|だめ|いられな|居られな|続かな|集中でき|むり|空けられな)',
      'gu',
    ),
    'difficulty',
  ),
  accommodation(
    'visit_ok',
    new RegExp(
      '見学(?!先|したこと|済|経験|に同行予定|なし|無し|不要)|けんがく|下見|' +
        '見て(?:いる|る)だけ|(?:一度|いちど|1度|事前に|先に|まず)見て(?:から|み)|見てから決め|見に行(?:って|き|く|け)|見にいっ|見せてもら|覗いて|のぞいて(?:み|' +
        'から)|雰囲気を(?:見|確かめ|知り|確認)|どんな(?:所|ところ|場所|感じ)か(?:見|知り|確かめ)',
      'gu',
    ),
  ),
  accommodation(
    'accompany_ok',
    // v3: a companion of the person's own circle, on a condition (母と一緒なら) — 「母と一緒に来所」 is a report
    new RegExp(
      `(?:誰か|だれか|知っている人|知ってる人|知り合い)[^、。]{0,6}?(?:と|に)一緒(?!に(?:住|暮ら|生活))|(?:誰か|だれか)(?:が|と)?一緒(?:じゃない|` +
        `でない|でなければ)と?|(?:${FAMILY}|友達|友人|支援者|職員|` +
        `相談員|支援員)(?:さん)?(?:が|と)一緒(?:なら|だと|であれば|でも|に(?=[、,]|$)|に(?:行|来|い|き|つ|付|見学|参加)[^、。]{0,4}?(?:もら|くれ|ほし|欲し|なら|れば|たら|` +
        `だと|たい))|(?:${FAMILY}|私|わたし|僕)(?:さん)?が一緒に(?:行き|行く|いく|付いて|ついて)|(?:一緒|いっしょ)に(?:行|来|いっ|き|つい|付い)[^、。]{0,4}?(?:もら|` +
        `くれ|ほし|欲し)`,
      'gu',
    ),
  ),
  accommodation(
    'accompany_ok',
    new RegExp(
      '付き?添(?:い|って)(?:が|も)?(?:あれば|あると|もら|くれ|付き|つき|ほしい|欲しい|希望|必要|あり)|' +
        'の付き?添いで[^、。]{0,6}?(?:行け|いけ|参加でき|通え|来られ)|同行(?:が|して|する)?[^、。]{0,4}?(?:あれば|' +
        'もらえ|ほしい|なら|希望)|(?:付いて|ついて)(?:きて|来て|行って|いって)(?:ほし|欲し|もら|くれ)|連れて(?:行って|いって)(?:ほし|欲し|もら|くれ)|同伴',
      'gu',
    ),
  ),
  accommodation(
    'trial_ok',
    new RegExp(
      'お試し|おためし|試しに|ためしに|[→⇒]体験|体験(?:の順|へ進|に進)|体験(?:して|から|だけ|で|的|入所|参加|利用|会|日|という)|体験し|体験させ|体験でき|(?:1|一)日体験|(?:1回|一回|1度|' +
        '一度|いちど|まず|最初は)(?:だけ)?(?:やって|参加して|試して)み|やってみて(?:から|合|決め|続け)|合わな(?:ければ|かったら)[^、。]{0,6}?(?:やめ|' +
        '辞め|止め)',
      'gu',
    ),
  ),
  accommodation(
    'women_only',
    /(?:女性|女の人|女の方|女子)(?:スタッフ|職員|メンバー)?(?:だけ|のみ|ばかり|専用|限定|しかいない|が多い|の多い|(?:が)?中心)|男性(?:が|の)?(?:いない|少ない)/gu,
  ),
  // v3: men refused (男性が多い職場は怖い) — the wish for women only that the guide's table lists beside 女性だけ
  accommodation(
    'women_only',
    new RegExp(
      '男性(?:が|の)?(?:多い|いる)[^、。]{0,8}?(?:怖|こわ(?:い|く)?|苦手|無理|不安|嫌|いや|だめ|ダメ)|男の人(?:が|は)[^、。]{0,6}?(?:怖|こわ(?:い|く)?|苦手)',
      'gu',
    ),
    'difficulty',
  ),
  accommodation(
    'youth',
    new RegExp(
      '同世代|同年代|同い年|同じ年頃|同じ年ごろ|若い人|若い子|若い方|若者(?:が|の|向け)|(?:年|歳|年齢)が近い|同じくらいの(?:年|歳|年齢)|(?:年|歳|年齢)の近い|' +
        '(?:10|十)代(?:[~-](?:20|二十)代)?(?:の(?:人|子|若者)(?:たち)?)?(?:が|の)(?:多い|集まる|中心|いる)',
      'gu',
    ),
  ),
  accommodation(
    'transport',
    new RegExp(
      '送迎(?!なし|無し)|そうげい|送り迎え(?:が|を|も)?(?:あれば|あると|してもら|してくれ|ほしい|欲しい|必要|希望|付き|つき)|迎えに来て(?:もらえ|くれ|ほし|' +
        '欲し)|(?:車で)?(?:乗せて|送って)(?:行って|いって)?(?:もらえ|くれ)',
      'gu',
    ),
  ),
  accommodation(
    'online',
    new RegExp(
      'オンライン(?!ゲーム)|リモート|在宅(?:で|ワーク|作業|の(?:仕事|作業|活動))|(?:家|自宅)にいながら|(?:インター)?ネット(?:で|上で)(?:でき|参加|作業|仕事)|' +
        '(?:家|自宅)から(?:オンラインで)?参加|zoom|ズーム|(?:画面|ネット|パソコン|スマホ)越し|ビデオ通話|テレビ電話|web会議|ウェブ会議|(?:パソコン|PC|' +
        'スマホ|タブレット)(?:で|から)(?:参加|でき|やれ)|(?:家|自宅|うち)から出(?:ず|ない|なくて)(?:に)?(?:でき|参加|やれ|済)|(?:家|自宅|うち)で(?:でき|' +
        'やれ)(?:ること|る)(?!こと|は(?:特に|何も|あまり)?(?:ない|無い))|(?:外に|家から)出なくて(?:も)?(?:いい|済|でき)',
      'giu',
    ),
  ),
  accommodation('barrier_free', /車椅子|車いす|車イス|くるまいす|バリアフリー|段差|スロープ|エレベーター|エレベータ|手すり|多目的トイレ/gu),
  accommodation(
    'meal',
    new RegExp(
      '(?:ご飯|ごはん|昼ごはん|昼ご飯|夕飯|食事|昼食|お昼)(?:が|も|を)?(?:一緒に)?(?:出(?!来|か|さな|ない)|でる|でま|付|つき|食べられ(?!な)|食べれ(?!な)|' +
        '提供)|まかない|賄い|お弁当(?!を(?:持|作)|持参)|給食|炊き出し',
      'gu',
    ),
  ),
  accommodation(
    'flexible_schedule',
    new RegExp(
      '(?<!面談|次回の?)(?:日程|日時|日にち|(?<![月火水木金土日])曜日|スケジュール|予定|シフト)(?:は|を|が|の|も)?[^、。]{0,10}?(?:相談|調整|変更|選べ|自由)(?!中|' +
        '済|して決ま)|融通(?:が|の)(?:きく|利く|効く)|休みやすい|休ませてもらえ|' +
        '自分のペースで[^、。]{0,4}?(?:休|通|参加|来|行)|休んでも(?:いい|大丈夫|責められ|怒られ|問題)|都合に合わせ|(?:体調|気分|調子)(?:に合わせ|' +
        '次第で|を見ながら)[^、。]{0,6}?(?:休|参加|通|行|決め|相談|来)|好きな(?:時|とき|時間|日)に|気が向いた(?:時|とき|日)|(?:行き|来)たい(?:時|' +
        'とき|日)に|出入り(?:が)?自由|(?:日|時間|曜日)を(?:選べ|自分で決め|決められ)|当日(?:の)?(?:連絡|欠席|休み|キャンセル)|休む(?:とき|時|日|場合|こと)[^、。]{0,8}?(?:大丈夫|' +
        'いい|OK|可|許|連絡)|(?:日|時間|曜日|日程|シフト|予定)を[^、。]{0,8}?(?:選べ|自分で決め|決められ)',
      'gu',
    ),
  ),
  // v3: fixed days refused (決まった日に必ず行くのは難しい) → a schedule that can be arranged
  accommodation(
    'flexible_schedule',
    /決まった(?:日|時間|曜日|時刻)に[^、。]{0,8}?(?:難し|無理|自信がな|不安|行けな|通えな|厳し)/gu,
    'difficulty',
  ),
  accommodation(
    'supporter_on_site',
    new RegExp(
      '(?:職員|スタッフ|支援員|支援者|担当者|指導員|相談できる(?:人|大人|スタッフ|方)|相談相手|頼れる(?:人|大人)|ジョブコーチ)(?:の方|さん)?が[^、。]{0,6}?(?:いて|' +
        'いる|いれば|いないと|ついて|付いて)|見守り(?:が|の)?(?:ある|あれば|あると|付き)|見守ってもらえ|(?:困った|何かあった|わからない|分からない)(?:時|とき|こと)[^、。]{0,8}?(?:相談でき|' +
        '聞け|頼れ)',
      'gu',
    ),
  ),

  // availableDays and timeOfDay are read in needs-understanding.ts (以外 inverts); timeOfDay here.
  {
    field: 'timeOfDay',
    // v3: ひる(から), 昼間, 昼の時間
    // v4: 正午から, PM (memos: 火木PM可)
    pattern:
      /午後(?:から|以降)?|ごご|(?:お)?昼(?:から|過ぎ|すぎ|以降|頃から|ごろから|間|の時間)|ひる(?:から|すぎ|過ぎ|いこう)|正午(?:から|以降|過ぎ|すぎ)|(?<![A-Za-z])PM(?![A-Za-z0-9])/gu,
    check: 'when',
    values: ['afternoon'],
  },
  {
    field: 'timeOfDay',
    // v2: a few fillers may stand between (朝はどうしても体が動かない), and the adjective may be in its て-form (弱くて).
    // v3: あさ, 朝早い(の)/早起き/午前中 + a state (起きられない, 苦手, 弱い, 調子が悪い)
    pattern: new RegExp(
      `(?:朝|あさ|朝早いの|朝早く起きるの|早起き|午前中?)(?:が|は)?${MORNING_FILLER}(?:苦手|にがて|弱[いく]|よわ[いく]|起きられな|起きれな|おきられな|` +
        `おきれな|つら[いく]|辛[いく]|遅[いく]|動かな|動けな|(?:調子|体調)が(?:悪|よくな|良くな))|朝(?:が|は)?(?:ダメ|だめ)|早起き(?:が|は)?(?:無理|できな)`,
      'gu',
    ),
    check: 'difficulty',
    values: ['afternoon'],
  },
  // v3: mornings spent asleep or hard to get up in (朝は薬の影響で起きにくい, 午前中は寝ている)
  {
    field: 'timeOfDay',
    pattern: /(?:朝|午前中?)(?:は|が)?[^、。]{0,8}?(?:起きられな|起きれな|起きにく|起きづら|寝てい|ねてい)/gu,
    check: 'difficulty',
    values: ['afternoon'],
  },
  // v3: asleep until a time after noon (昼過ぎまで寝ている)
  {
    field: 'timeOfDay',
    pattern: /(?:昼|昼過ぎ|昼すぎ|お昼|午後|1[2-9]時)(?:頃|ごろ|過ぎ|近く)?まで(?:は)?(?:寝て|ねて|布団|起きられ|起きれ)/gu,
    check: 'none',
    values: ['afternoon'],
  },
  {
    field: 'timeOfDay',
    pattern:
      /寝坊|昼食後|昼ご飯の後|お昼ご飯の後|昼夜逆転|起きるのが遅い|朝起きられない|夜型|寝起きが悪い|朝起きるのが(?:苦手|つらい|辛い|難しい)/gu,
    check: 'none',
    values: ['afternoon'],
  },
  // v2: a clock time (19時以降 → evening); a late rising (起きるのは11時過ぎ) → afternoon. v3: 夕方5時, 夜7時, 午後2時.
  {
    field: 'timeOfDay',
    pattern: new RegExp(`(?<!起き[^、。]{0,6})(夕方|夜|晩|午後|朝|午前)?${N}時(?:以降|から|過ぎ|すぎ|半|頃|ごろ|(?=[~-]))`, 'gu'),
    check: 'when',
    // v4: a range across parts of the day (9時〜16時) sets no part of it: the person is free through the day
    values: (m, rest) => {
      const to = CLOCK_RANGE_END.exec(rest);
      const from = partOf(m);
      // the end hour is where it stops (〜17時 is the afternoon's last hour)
      return to && partOf(['', to[1], String(parseNumber(to[2]) - 1)]).join() !== from.join() ? [] : from;
    },
  },
  {
    field: 'timeOfDay',
    pattern: new RegExp(`起きる[^、。]{0,6}?${N}時`, 'gu'),
    check: 'none',
    values: (m) => (parseNumber(m[1]) >= 10 ? ['afternoon'] : []),
  },
  {
    field: 'timeOfDay',
    // v3: 早朝, 朝方, 朝の涼しいうち, あさ(から|なら)
    pattern:
      /午前(?:中)?|ごぜん|早朝|朝方|朝型|(?<![A-Za-z])AM(?![A-Za-z0-9])|朝(?:から|のうち|の時間|なら|のみ|だけ|の早い|[^、。]{0,4}うちに|早く|一|イチ)|あさ(?:から|なら|のうち|だけ)/gu,
    check: 'when',
    values: ['morning'],
  },
  {
    field: 'timeOfDay',
    pattern: new RegExp(
      '夕方(?!まで)(?:以降|から)?|ゆうがた|(?<![昼深])夜(?!勤|中|型|更かし|ふかし|まで)|晩(?:から|なら|ご飯の後|御飯の後)|夕食後|夕飯の後|日が暮れてから|(?<!に)よる(?:から|' +
        'なら|は|だけ|の時間)',
      'gu',
    ),
    check: 'when',
    values: ['evening'],
  },

  // sessionsPerWeek — 週2〜3回 → 3, 月2回 → 0.5, 毎日 → 5, 隔週 → 0.5
  // v3: 週1なら, 週3くらいで, 週1-2 (the unit left out before a hedge, a comma or the end).
  {
    field: 'sessionsPerWeek',
    pattern: new RegExp(
      `(?<![0-9一二三四五六七八九十])週(?:に)?${N}(?:[~-]${N})?(?:回|日|度|で|(?=くらい|ぐらい|程度|ほど|なら|まで|以内|ペース|から|[、。,)）\\s]|$))`,
      'gu',
    ),
    check: 'when',
    values: (m) => [upper(m, 1, 2)],
  },
  {
    field: 'sessionsPerWeek',
    // v3: 月1くらい (the unit left out)
    pattern: new RegExp(`月(?:に)?${N}(?:[~-]${N})?(?:回|度|(?=くらい|ぐらい|程度|ほど|なら|まで|[、。]|$))`, 'gu'),
    check: 'when',
    values: (m) => [upper(m, 1, 2) / 4],
  },
  // v3: 2週に1回 → 0.5
  {
    field: 'sessionsPerWeek',
    pattern: new RegExp(`${N}週(?:間)?に${N}(?:回|度)`, 'gu'),
    check: 'when',
    values: (m) => [parseNumber(m[2]) / parseNumber(m[1])],
  },
  {
    field: 'sessionsPerWeek',
    pattern: /毎日(?=でも|なら|通|行|参加|来|出|[^、。]{0,8}?(?:通え|通い|通う|行け|参加|来られ|来れ))/gu,
    check: 'when',
    values: [5],
  },
  { field: 'sessionsPerWeek', pattern: /隔週/gu, check: 'when', values: [0.5] },
  { field: 'sessionsPerWeek', pattern: /(?:1|一)日おき|隔日/gu, check: 'when', values: [3.5] },
  { field: 'sessionsPerWeek', pattern: /月(?:イチ|いち)/gu, check: 'when', values: [0.25] },
  { field: 'sessionsPerWeek', pattern: /週(?:に)?(?:いっかい|いちど|いち|イチ)/gu, check: 'when', values: [1] },
  // v3: kana memos (しゅうに にかい)
  {
    field: 'sessionsPerWeek',
    pattern: /しゅう(?:に)?(いっ|いち|に|さん|よん)(?:かい|ど)/gu,
    check: 'when',
    values: (m) => [KANA_COUNTS[m[1]]],
  },

  // travel
  {
    field: 'travel',
    pattern: new RegExp(
      '(?:家|自宅|いえ)(?:から|の)(?:近|ちか|そば|側)|(?:家|自宅)の(?:周り|近辺|周辺)|(?:自転車|徒歩)で(?:行け|いけ|通え)(?:る|て)|徒歩圏|' +
        '近所(?!の(?:人|方|目|評判|噂|うわさ|手前|付き合い))|きんじょ|近く(?:の|で|が|に)(?!人|方|いて|いる|居)|(?<!駅から|駅より)歩いて(?:行ける|いける|通える|行けて)|' +
        '地元(?![^、。]{0,6}?離れ)|近場|(?<!駅から|' +
        '駅より)歩ける(?:距離|範囲|所|ところ)|(?<!年の|歳の|年齢の|年齢が|年が|' +
        // v4: near a station or a bus stop is the place's access, not near home
        '歳が|駅から|駅に|バス停から|バス停に)近い(?:所|ところ|場所|範囲)',
      'gu',
    ),
    check: 'wish',
    values: ['near_home'],
  },
  // v3: far refused (遠くは無理, 遠いと通えない) → near home
  {
    field: 'travel',
    pattern: new RegExp(
      '(?<!駅から|駅より|駅まで)遠(?:く|い|方|出)(?:の|は|だと|まで|へ|に|所|ところ)?[^、。]{0,6}?(?:無理|難し|通えない|行けない|いけない|苦手|不安|きつ(?:い|く)?|つら(?:い|' +
        'く)?|辛(?:い|く)?|ダメ|だめ|自信がない|しんど(?:い|く)?)',
      'gu',
    ),
    check: 'difficulty',
    values: ['near_home'],
  },
  {
    field: 'travel',
    pattern: /(?<![電転列汽台駐])車(?:が|を|は)?(?:ない|無い|持っていない|持ってない)|車も(?:[^。、]{1,6}も)?(?:ない|無い)/gu,
    check: 'difficulty',
    values: ['no_car'],
  },
  {
    // v3: 運転ができず, 免許を持っておらず, 免許は失効・返納, ペーパードライバー
    field: 'travel',
    pattern: new RegExp(
      '運転(?:は|を)?[^、。]{0,6}?(?:止められ|禁止され|控えるよう)|' +
        '運転(?:が|は|も)?(?:できない|出来ない|できず|出来ず|しない|しません|できません|怖(?:い|く)?|こわ(?:い|く)?|苦手|不安)|免許[^、。]{0,3}?(?:ない|無い|なし|無し|持っていない|' +
        '持ってない|持っておらず|持ってません|失効|返納|取っていない|取ってない|取れない)|ペーパードライバー',
      'gu',
    ),
    check: 'difficulty',
    values: ['no_car'],
  },
  // v3: only public transport (バスしか使えない)
  { field: 'travel', pattern: /(?:公共交通機関?|バス|電車)(?:しか|でしか)/gu, check: 'none', values: ['no_car'] },
  // v2: 車はなく, 車なし, 車は手放した; (?<!…): 電車, 自転車, 駐車 are not a car of one's own
  {
    field: 'travel',
    pattern: /(?<![電転列汽台駐])車(?:が|は)?(?:なく|無く|なし|無し|[^、。]{0,10}?手放)/gu,
    check: 'difficulty',
    values: ['no_car'],
  },

  // setting — 外の作業は嫌 / 外は苦手 read as indoor
  {
    field: 'setting',
    // v3: 外作業, 外のボランティア, 外がいい, 草取り, 自然の中; not 以外・海外・郊外・案外・意外
    pattern: new RegExp(
      '屋外|野外|畑|農作業|草取り|草むしり|草刈り|花壇|庭仕事|家庭菜園|園芸|(?:野菜|花)(?:を|の)?(?:育て(?!方)|栽培)|公園(?:で|の)(?:活動|作業|清掃|' +
        '掃除|ボランティア)|アウトドア|自然の中で|(?<![以海郊案意])外の空気|(?<![以海郊案意])外(?:の|での)?(?:作業|仕事|活動|ボランティア|清掃)|(?<![以海郊案意])外(?:で|へ)|(?<![以海郊案意])外(?:が|' +
        'の方が|のほうが)(?:いい|好き)',
      'gu',
    ),
    check: 'none',
    values: (_m, rest) => [REFUSED_LATER.test(rest) || SETTING_REFUSED.test(rest) ? 'indoor' : 'outdoor'],
  },
  // v4: outside itself refused (外は嫌だ, 外だとしんどい) → indoor; said otherwise it gives nothing
  {
    field: 'setting',
    pattern: /(?<![以海郊案意])外(?:は|だと)/gu,
    check: 'none',
    values: (_m, rest) => (REFUSED_LATER.test(rest) || SETTING_REFUSED.test(rest) ? ['indoor'] : []),
  },
  // v3: sun and weather refused (炎天下の作業は無理) → indoor
  {
    field: 'setting',
    pattern: new RegExp(
      `(?:炎天下|直射日光|日差し|日ざし|雨風|雨に濡れる)(?:の|が|に|は|で)?${GAP}(?:無理|苦手|弱|つら(?:い|く)?|辛(?:い|く)?|きつ(?:い|く)?|しんど(?:い|く)?|ダメ|だめ|避け)`,
      'gu',
    ),
    check: 'difficulty',
    values: ['indoor'],
  },
  {
    field: 'setting',
    pattern: new RegExp(
      '室内|屋内|建物の中|' +
        '(?<=^|[もはで、]|家の|建物の)中で(?:でき|やれ|の(?:作業|仕事|活動)|作業)|' +
        '(?<![一-龯々]|家の|世の|頭の|心の)中の(?:仕事|作業|活動)|(?:外|屋外)より(?:中|室内|屋内)|屋根の(?:ある|下)|雨風(?:に|が)?(?:あたら|' +
        '当たら|しのげ)|濡れない|ぬれない|冷暖房|エアコンの(?:ある|効いた|きいた)',
      'gu',
    ),
    check: 'wish',
    values: ['indoor'],
  },

  // reward
  {
    field: 'reward',
    pattern: new RegExp(
      '無償|無給|無報酬|お金は(?:いら|要ら)ない|お金(?:は|を)?(?:もらわなくて|気にしない)|(?:報酬|お金|謝礼|給料)(?:は|の有無は)?(?:いらない|要らない|' +
        '気にしない|問わない|こだわらない)|(?:お金|報酬|謝礼|収入|給料)(?:は|を)?(?:特に|別に|あまり)?(?:求めていない|求めてない|求めない|目的ではない|目当てではない)|ボランティアで(?:も)?(?:よい|いい|かまわない|' +
        '構わない|大丈夫)|(?:タダ|ただ)で(?:いい|よい|かまわない|構わない)',
      'gu',
    ),
    check: 'none',
    values: ['unpaid_ok'],
  },
  // v2: the pay itself said to be not needed (謝礼不要, お金はもらえなくていい)
  {
    field: 'reward',
    pattern:
      /(?:お金|謝礼|報酬|給料|工賃|収入)(?:は|が|も|に)?(?:(?:もらえ|出|で|なら|払われ)?なくて(?:も)?(?:いい|よい|大丈夫|構わ|かまわ|平気)|もらえなくて|不要|なしで|いらない|要らない)/gu,
    check: 'none',
    values: ['unpaid_ok'],
  },
  {
    field: 'reward',
    pattern: new RegExp(
      '収入(?!は[^、。]{0,10}?(?:のみ|だけ|しか|ない)|が(?:ない|なく|途絶|減))|お金が(?:もらえ|入|稼げ|ほしい|欲しい|必要)|お金を(?:稼|もら)|' +
        'お金に(?:なる|なれ|つなが)|謝礼|給料|工賃|賃金|報酬(?:が|の)|稼ぎ|稼げ|稼ぎたい|お小遣い|有償|時給|' +
        '日給|交通費(?:が|は|だけ|くらい)?(?:でも)?(?:出|支給|もらえ)|(?:生活費|家計)の足し',
      'gu',
    ),
    check: 'wish',
    values: ['wants_money'],
  },
];
