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

export interface Rule {
  field: UnderstoodField;
  pattern: RegExp;
  check: Check;
  /** The values one match gives; a function when they depend on the match (numbers) or on what follows (rest). */
  values: readonly (string | number)[] | ((m: RegExpExecArray, rest: string) => (string | number)[]);
}

/** v2: someone's claim denied (体力がないとは思わない): the difficulty is not the person's. */
const DENIED = '(?:とは|って)(?:思わ|思って(?:い)?な|思いません|感じ(?:て(?:い)?)?な)';
/** The difficulty itself negated: 苦手ではない / 嫌じゃない / 難しくない / 悪いわけではない / 苦手でもない. */
export const NEGATED_AFTER = new RegExp(
  `^(?:(?:なの|の)?(?:で|じゃ|でも)(?:は|も)?(?:ない|なく|なかった|ありません)|(?:という)?わけ(?:で|じゃ)(?:は|も)?ない|くない|くはない|くなかった|くもない|${DENIED})`,
  'u',
);
/** A wish refused later in the clause. */
export const REFUSED_LATER =
  /苦手|嫌|いや[だで]|なくても|なくて(?:も)?(?:いい|大丈夫|平気)|いらない|要らない|不要|必要(?:は)?ない|避けたい|ダメ|だめ|無理(?!なく|のない|せず)|気が進まない/u;
/** A day or time taken or impossible, later in the clause. */
export const TAKEN_LATER =
  /ダメ|だめ|無理(?!なく|のない|せず)|難しい|仕事が|仕事で|仕事な|予定|用事|都合が悪|埋ま|行けない|いけない|通えない|忙しい|通院|付き添い|できない|苦手|避けたい|もたない|持たない|NG/u;
/** 「…苦手だったが、今は平気」: a difficulty that is over. */
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

/** The part of the day an hour falls in (19時 → evening); before 5 nothing. */
function partOf(m: RegExpExecArray): string[] {
  const h = parseNumber(m[1]);
  return h >= 17 && h <= 24 ? ['evening'] : h >= 12 ? ['afternoon'] : h >= 5 ? ['morning'] : [];
}

/** A range 2〜3 counts as its upper end (the guide: soft constraints, the most the person said they can do). */
function upper(m: RegExpExecArray, low: number, high: number): number {
  return parseNumber(m[high] ?? m[low]);
}

const DAY_CHARS: Record<string, string> = { 月: 'mon', 火: 'tue', 水: 'wed', 木: 'thu', 金: 'fri', 土: 'sat', 日: 'sun' };
/** Kana-only memos (どようび): rules v2. */
const KANA_DAYS: Record<string, string> = { げつ: 'mon', か: 'tue', すい: 'wed', もく: 'thu', きん: 'fri', ど: 'sat', にち: 'sun' };
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'];
const ALL_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
/** 以外 / じゃなければ right after the days: every other day. */
export const EXCEPT_AFTER = /^(?:の日|曜日|曜)?(?:以外|じゃなければ|でなければ|じゃない日|でない日|を除く|は除く)/u;

/** 平日, 週末, 土日(祝), 月・水・金, 火曜(日) — a lone 日 or 月 (毎日, 月2回) is not a day. */
export const DAY_PATTERN =
  /(?:げつ|か|すい|もく|きん|ど|にち)ようび|平日|週末|土日(?:祝)?|[月火水木金土日](?:[・/][月火水木金土日])+(?:曜日?)?|[月火水木金土日]曜日?/gu;

export function daysOf(expression: string): string[] {
  if (expression === '平日') return WEEKDAYS;
  if (expression === '週末' || expression.startsWith('土日')) return ['sat', 'sun'];
  if (expression.endsWith('ようび')) return [KANA_DAYS[expression.slice(0, -3)]];
  return [...expression.replace(/曜日?/gu, '')].filter((ch) => DAY_CHARS[ch]).map((ch) => DAY_CHARS[ch]);
}

export function otherDays(days: string[]): string[] {
  return ALL_DAYS.filter((d) => !days.includes(d));
}

const TALK_TOPIC =
  '(?:人と(?:話|喋|しゃべ|関わ|かかわ|接す|接し)|人との会話|話すの|話すこと|しゃべるの|会話|対人|接客|人付き合い|人づきあい|コミュニケーション|電話(?:対応|応対|に出る)|人前で話|人と顔を合わせ|(?:人と)?目を合わせ|話しかけられ)';
const TALK_DIFFICULTY =
  '(?:苦手|無理|怖い|こわい|恐い|怖く|難しい|むずかしい|しんどい|ちょっと|避けたい|嫌い|嫌|いや|自信がない|少なめ|少ない|緊張|不安|つらい|辛い|きつい|できない|疲れ|得意ではない|得意じゃない|だめ|ダメ)';
const PHYSICAL_TOPIC = '(?:立ち仕事|立ちっぱなし|長時間立|体力|力仕事|重い物|重いもの|重たい物|体を動かす|肉体労働|動き回る)';
const PHYSICAL_DIFFICULTY =
  '(?:苦手|無理|難しい|むずかしい|自信がない|ちょっと|持てない|できない|つらい|辛い|きつい|不安|避けたい|嫌い|嫌|しんどい|もたない|持たない|(?:が|は)(?:ない|無い))';
const LITERACY_TOPIC = '(?:読み書き|字を書|字が|文字|漢字|書類|文章|読むの|書くの|読むこと|書くこと)';
const LITERACY_DIFFICULTY = '(?:苦手|無理|読めない|書けない|難しい|むずかしい|できない|避けたい|ちょっと|嫌い|嫌|自信がない|不安)';
/** Topic, then the difficulty a few characters on in the same clause. */
const difficulty = (topic: string, hard: string) => new RegExp(`${topic}[^。、,]{0,10}?${hard}`, 'gu');

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
  // v2: not having to talk wished for (あまり話さなくて済む).
  { field: 'avoid', pattern: /(?:喋ら|しゃべら|話さ)(?:なくて|ずに)(?:も)?(?:いい|よい|済|すむ)/gu, check: 'none', values: ['talking'] },
  { field: 'avoid', pattern: difficulty(PHYSICAL_TOPIC, PHYSICAL_DIFFICULTY), check: 'difficulty', values: ['physical'] },
  {
    field: 'avoid',
    pattern:
      /(?:足|脚)が不自由|(?:長く|長時間|遠くまで)歩けない|腰(?:が|を)?(?:悪い|悪く|悪|痛め)|腰痛|膝(?:が|を)?(?:悪い|悪く|悪|痛め)|足(?:が)?(?:悪い|悪く|悪)|疲れやすい/gu,
    check: 'difficulty',
    values: ['physical'],
  },
  { field: 'avoid', pattern: difficulty(LITERACY_TOPIC, LITERACY_DIFFICULTY), check: 'difficulty', values: ['literacy'] },

  // preferredAccommodations
  accommodation('quiet', /静か(?:な(?:場所|所|ところ|環境|部屋))?|落ち着いた(?:場所|所|ところ|雰囲気)/gu),
  accommodation('small_group', /少人数|人数が少な/gu),
  accommodation(
    'small_group',
    /(?:大勢|大人数|(?<![いな])人(?:が|の)多い)[^。、,]{0,10}?(?:苦手|疲れ|緊張|難しい|無理|嫌|怖い|しんどい|ちょっと|不安)/gu,
    'difficulty',
  ),
  // 一人で乗れる / 一人で行ける: getting somewhere alone, not working alone (v2).
  accommodation('solo_work', /(?:一人|ひとり|1人)(?:で(?!は|乗|行|いる|居|通|来|出|外出|暮ら|住|留守|電車|バス)|作業)|黙々と?/gu),
  accommodation('seated', /座って|座り作業|座れる|座ったまま|椅子に座/gu),
  accommodation('short_hours', /短時間|少しの時間|短い時間|ちょっとの時間/gu),
  accommodation('visit_ok', /見学/gu),
  accommodation(
    'accompany_ok',
    /(?:誰か|知っている人|知ってる人|知り合い)[^、。]{0,6}?と一緒|(?:家族|母親?|父親?|支援者|職員|相談員)(?:が|と)一緒なら|一緒に(?:行って|来て)(?:もらえ|くれ|ほしい)/gu,
  ),
  accommodation(
    'accompany_ok',
    /付き添(?:い|って)(?:が|も)?(?:あれば|あると|もらえ|くれ|付き|ほしい)|同行(?:が|して|する)?[^、。]{0,4}?(?:あれば|もらえ|ほしい|なら)/gu,
  ),
  accommodation('trial_ok', /お試し|試しに|体験(?:して|から|だけ|で|的)|体験し|体験させ|体験でき/gu),
  accommodation('women_only', /(?:女性|女の人|女の方)(?:だけ|のみ|ばかり|専用|限定)/gu),
  accommodation('youth', /同世代|同年代|若い人|若者が多い|同じくらいの(?:年|歳|年齢)|(?:年|歳|年齢)の近い/gu),
  accommodation('transport', /送迎(?:が|の|も)?(?:あれば|あると|付き|つき|希望|ありの|してもらえ)|送り迎え|迎えに来て(?:もらえ|くれ)/gu),
  accommodation(
    'online',
    /オンライン|リモート|在宅(?:で|ワーク|作業|の(?:仕事|作業|活動))|(?:家|自宅)にいながら|(?:インター)?ネット(?:で|上で)(?:でき|参加|作業|仕事)|(?:家|自宅)から(?:オンラインで)?参加/gu,
  ),
  accommodation('barrier_free', /車椅子|車いす|バリアフリー|段差/gu),
  accommodation('meal', /ご飯が出|ごはんが出|食事(?:が出|付き|つき|が出る)|昼食が出|お弁当(?:が出|付き)/gu),
  accommodation(
    'flexible_schedule',
    /(?:日程|日時|日にち|曜日|スケジュール)(?:は|を|が|の)?(?:相談|調整)|融通(?:が|の)(?:きく|利く)|休みやすい|休ませてもらえ|休んでも(?:いい|大丈夫)/gu,
  ),
  accommodation(
    'supporter_on_site',
    /(?:職員|スタッフ|支援員|相談できる人|相談相手)(?:の方|さん)?が[^、。]{0,6}?(?:いて|いる|いれば|ついて)/gu,
  ),

  // availableDays and timeOfDay are read in needs-understanding.ts (以外 inverts); timeOfDay here.
  {
    field: 'timeOfDay',
    pattern: /午後(?:から|以降)?|ごご|(?:お)?昼(?:から|過ぎ|すぎ|以降|頃から|ごろから)/gu,
    check: 'when',
    values: ['afternoon'],
  },
  {
    field: 'timeOfDay',
    // v2: a few fillers may stand between (朝はどうしても体が動かない), and the adjective may be in its て-form (弱くて).
    pattern: new RegExp(
      `朝(?:が|は)?${MORNING_FILLER}(?:苦手|弱[いく]|起きられな|起きれな|つら[いく]|辛[いく]|動かな|動けな|ダメ|だめ)`,
      'gu',
    ),
    check: 'difficulty',
    values: ['afternoon'],
  },
  { field: 'timeOfDay', pattern: /昼夜逆転|起きるのが遅い|朝起きられない/gu, check: 'none', values: ['afternoon'] },
  // v2: a clock time (19時以降 → evening); a late rising (起きるのは11時過ぎ) → afternoon.
  {
    field: 'timeOfDay',
    pattern: new RegExp(`(?<!起き[^、。]{0,6})${N}時(?:以降|から|過ぎ|すぎ|半|頃|ごろ)`, 'gu'),
    check: 'when',
    values: (m) => partOf(m),
  },
  {
    field: 'timeOfDay',
    pattern: new RegExp(`起きる[^、。]{0,6}?${N}時`, 'gu'),
    check: 'none',
    values: (m) => (parseNumber(m[1]) >= 10 ? ['afternoon'] : []),
  },
  {
    field: 'timeOfDay',
    pattern: /午前(?:中)?|ごぜん|朝(?:から|のうち|の時間|なら|のみ|だけ|の早い)/gu,
    check: 'when',
    values: ['morning'],
  },
  { field: 'timeOfDay', pattern: /夕方(?:以降|から)?|(?<![昼深])夜(?!勤|中)/gu, check: 'when', values: ['evening'] },

  // sessionsPerWeek — 週2〜3回 → 3, 月2回 → 0.5, 毎日 → 5, 隔週 → 0.5
  {
    field: 'sessionsPerWeek',
    pattern: new RegExp(`週(?:に)?${N}(?:[~-]${N})?(?:回|日|度|で)`, 'gu'),
    check: 'when',
    values: (m) => [upper(m, 1, 2)],
  },
  {
    field: 'sessionsPerWeek',
    pattern: new RegExp(`月(?:に)?${N}(?:[~-]${N})?(?:回|度)`, 'gu'),
    check: 'when',
    values: (m) => [upper(m, 1, 2) / 4],
  },
  { field: 'sessionsPerWeek', pattern: /毎日(?=でも|なら|通|行|参加|来|出)/gu, check: 'when', values: [5] },
  { field: 'sessionsPerWeek', pattern: /隔週/gu, check: 'when', values: [0.5] },
  { field: 'sessionsPerWeek', pattern: /週(?:に)?(?:いっかい|いちど|いち|イチ)/gu, check: 'when', values: [1] },

  // travel
  {
    field: 'travel',
    pattern:
      /(?:家|自宅)(?:から|の)近|(?:自転車|徒歩)で(?:行け|いけ|通え)(?:る|て)|徒歩圏|近所(?!の(?:人|方))|近く(?:の|で|が|に)(?!人|方)|歩いて(?:行ける|いける|通える)|地元/gu,
    check: 'wish',
    values: ['near_home'],
  },
  {
    field: 'travel',
    pattern: /(?<![電転列汽台駐])車(?:が|を|は)?(?:ない|無い|持っていない|持ってない)|車も(?:[^。、]{1,6}も)?(?:ない|無い)/gu,
    check: 'difficulty',
    values: ['no_car'],
  },
  {
    field: 'travel',
    pattern: /運転(?:が|は)?(?:できない|出来ない|しない)|免許(?:が|を|は)?(?:ない|無い|持っていない|持ってない)/gu,
    check: 'difficulty',
    values: ['no_car'],
  },
  // v2: 車はなく, 車なし, 車は手放した; (?<!…): 電車, 自転車, 駐車 are not a car of one's own
  { field: 'travel', pattern: /(?<![電転列汽台駐])車(?:が|は)?(?:なく|無く|なし|無し|手放)/gu, check: 'difficulty', values: ['no_car'] },

  // setting — 外の作業は嫌 / 外は苦手 read as indoor
  {
    field: 'setting',
    pattern: /屋外|野外|畑|農作業|外の(?:作業|仕事|活動)|(?<!以)外で|(?<!以)外へ/gu,
    check: 'none',
    values: (_m, rest) => [REFUSED_LATER.test(rest) ? 'indoor' : 'outdoor'],
  },
  { field: 'setting', pattern: /室内|屋内|建物の中/gu, check: 'wish', values: ['indoor'] },

  // reward
  {
    field: 'reward',
    pattern: /無償|無給|お金は(?:いら|要ら)ない|お金(?:は|を)?(?:もらわなくて|気にしない)|報酬は(?:いら|要ら)ない|ボランティアでよい/gu,
    check: 'none',
    values: ['unpaid_ok'],
  },
  // v2: the pay itself said to be not needed (謝礼不要, お金はもらえなくていい)
  {
    field: 'reward',
    pattern:
      /(?:お金|謝礼|報酬|給料)(?:は|が|も|に)?(?:もらえなくて|ならなくて|なくて(?:も)?(?:いい|大丈夫)|不要|なしで|いらない|要らない)/gu,
    check: 'none',
    values: ['unpaid_ok'],
  },
  {
    field: 'reward',
    pattern: /収入|お金が(?:もらえ|入|稼げ)|お金になる|謝礼|給料|工賃|賃金|報酬(?:が|の)|稼ぎ|稼げ|お小遣い/gu,
    check: 'wish',
    values: ['wants_money'],
  },
];
