/**
 * Rules v2: what a clause says about the scope of a day, a time or a difficulty (docs/matching.md §7 「範囲」).
 * - BUSY_AFTER: 「X は〈予定・用事〉があるので」 names X as taken, so X is not available (月曜はデイケアがあるので).
 * - OTHER_DAYS: 「それ以外の日なら」 after days named as taken → the other days of the week.
 * - CLEFT_THIRD_PERSON: 「腰が悪いのは父のほうで」 — a cleft sentence handing the reading to a family member.
 * - RELATIVE_THIRD_PERSON: 「父がデイサービスに行く火曜」 — a family member as the subject of a relative clause
 *   describes the day; the person's own reading goes on after it.
 */
export const FAMILY = '(?:両親|母親|父親|母|父|姉|兄|妹|弟|祖母|祖父|家族|息子|娘|夫|妻|親|義母|義父|きょうだい)';

/** Things that fill a day or a part of it. */
const BUSY_NOUN =
  '(?:予定|用事|仕事|デイケア|デイサービス|通院|診察|受診|介護|世話|習い事|学校|授業|バイト|活動|作業所|リハビリ|面談|送り迎え|付き添い|家事|病院|通所|パート|塾|教室|カウンセリング|診療|' +
  // v4
  '手伝い|勤務|出勤|当番|準備|支度|用意|看病|見舞い|お迎え|迎え|夜勤|シフト|歯医者|歯科|医者|クリニック|ヘルパー|訪問看護|ハローワーク|就労移行|訓練|礼拝|教会|稽古|部活|レッスン|検査)';
/** Right after a day/time: 「は求職活動があるので」「は母の介護が入るから」 (the busy noun within a few characters). */
export const BUSY_AFTER = new RegExp(
  `^(?:の日|曜日?|中)?(?:は|が|も|に)[^、。]{0,12}?${BUSY_NOUN}(?:が|も)?(?:ある|あり|入って|入る|で)(?:ので|から|ため|し|けど|て)?|` +
    // v4: the busy noun as the clause's predicate (月曜は通院。 木曜はカウンセリングの日。)
    `^(?:の日|曜日?|中)?(?:は|が|も)[^、。]{0,12}?${BUSY_NOUN}(?:日|の日)?(?:です|だ|なので|だから|のため|中)?(?:[、。.！!,]|$)|` +
    // v4: a memo (火曜デイケア。 午前中リハビリ。)
    `^(?:曜日?|中)?${BUSY_NOUN}(?:日|の日)?(?:です|だ|なので|だから|のため)?(?:[、。.！!,]|$)`,
  'u',
);
/** v4: 「母の通院に付き添うのが毎週水曜」: the day named as the time of a busy thing (at the clause's end). */
export const BUSY_BEFORE = new RegExp(`(?:${BUSY_NOUN}|付き添う)[^、。]{0,10}?(?:のが|のは)(?:毎週|隔週)?$`, 'u');
export const ENDS_AFTER_DAY = /^(?:曜日?)?(?:です|だ|で)?(?:[。.！!]|$)/u;
/** v4: 「平日の午前は通院」: a part of the day, not the whole day. */
export const PART_OF_DAY_AFTER = /^(?:曜日?)?(?:の|は|も)(?:日中|昼間|午前中?|午後|朝|夕方|夜|昼)/u;
/** 「朝から夕方まで作業所」: a span up to a busy noun (the whole span is taken). */
export const BUSY_SPAN_AFTER = new RegExp(`^[^、。]{0,10}?まで(?:は)?${BUSY_NOUN}`, 'u');
/** 「夜は家にいたい」: the person wants that time at home. */
export const STAY_HOME_AFTER =
  /^(?:中)?(?:は|も)(?:(?:家|自宅)に(?:いたい|居たい|いなければ|いないと)|(?:家族と過ごし|家でゆっくりし|ゆっくり休み|休み)たい)/u;
/** それ以外の日 / ほかの日 / 残りの日: refers back to days named as taken. */
export const OTHER_DAYS = /(?:それ|その)以外|(?:ほか|他|残り)の(?:日|曜日)/u;

export const CLEFT_THIRD_PERSON = new RegExp(`のは${FAMILY}(?:さん)?(?:のほう|の方)?(?:で|だ|です|なの)`, 'u');
/** The relative clause ends on a verb right before a day, a time or 日/間. */
export const RELATIVE_THIRD_PERSON = new RegExp(
  `${FAMILY}(?:さん)?が[^、。が]{1,16}?(?:る|う|く|つ|む|ぶ|ぬ|す|た|ない|いる)(?=[月火水木金土日][・曜]|平日|週末|土日|午前|午後|朝|夕方|日|間|時)`,
  'u',
);

/**
 * 「午後は子どもが帰ってくるので、午前中だけ」: X は + a reason (ので / ため / 〜るから), then another day or time of the
 * same kind later in the sentence → X is the reason it is not X. Not when X itself comes back (平日は元気なので平日に).
 */
const REASON_TOPIC = /^(?:の日|曜日?|中)?は[^、。]*?(?:ので|ため|(?<=[るいただす])から)/u;
export const TIME_WORD = /午前|午後|朝|昼|夕方|夜|ごご|ごぜん|[0-9]+時/u;
export const DAY_WORD = /平日|週末|土日|[月火水木金土日]曜|(?:げつ|か|すい|もく|きん|ど|にち)ようび/u;

export function takenForAReason(expression: string, rest: string, after: string, sameKind: RegExp): boolean {
  const reason = REASON_TOPIC.exec(rest);
  if (!reason) return false;
  const later = rest.slice(reason[0].length) + after;
  // v3: or a later 「それ以外 / ほかの日」 that refers back to it (「土日は家族がいるので、それ以外の日に」)
  return (sameKind.test(later) || OTHER_DAYS.test(later)) && !later.includes(expression);
}
