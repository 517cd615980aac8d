import {
  ACCOMMODATIONS,
  DAYS,
  DEMAND_LEVEL_LABELS,
  ORGANIZATION_KIND_LABELS,
  RESOURCE_STATUSES,
  RESOURCE_TYPE_LABELS,
  REWARD_LABELS,
  type Accommodation,
  type Day,
  type DemandLevel,
  type OrganizationKind,
  type ResourceStatus,
  type ResourceType,
  type Reward,
} from '../common/catalogue.constants';
import { normalizeJapanese } from '../common/japanese/normalize';

/**
 * Values as people type them in a 社協's list, read into the catalogue's fields. Each parser returns the value
 * and, when it had to guess or could not read the cell, a Japanese warning that names what was expected. The
 * parsers never throw: an unreadable cell is kept as text by the caller.
 */
export interface Parsed<T> {
  value: T;
  warning?: string;
}

export interface Slot {
  day: Day;
  start: string;
  end: string;
}

/** NFKC (full-width digits and letters), one kind of tilde and hyphen, single spaces, trimmed. */
export function clean(text: string): string {
  return normalizeJapanese(text)
    .replace(/[\u30FC\uFF70](?=\d)|(?<=\d)[\u30FC\uFF70]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

const DAY_CHARS: Record<string, Day> = { 月: 'mon', 火: 'tue', 水: 'wed', 木: 'thu', 金: 'fri', 土: 'sat', 日: 'sun' };
const DAY_ORDER = DAYS as readonly Day[];

/** 「10時」「10:30」「10時半」「午後1時」 → minutes since midnight, or null. */
function clock(hour: string, minute: string | undefined, half: boolean, meridiem: string | undefined): number | null {
  let h = Number(hour);
  const m = half ? 30 : minute ? Number(minute) : 0;
  if (meridiem === '午後' && h < 12) h += 12;
  if (h > 24 || m > 59) return null;
  return h * 60 + m;
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

const RANGE_PATTERN = new RegExp(
  '(午前|午後)?\\s*(\\d{1,2})(?::(\\d{2})|時(半)?(?:(\\d{1,2})分?)?)\\s*(?:~|-|から)\\s*' +
    '(午前|午後)?\\s*(\\d{1,2})(?::(\\d{2})|時(半)?(?:(\\d{1,2})分?)?)?(?:まで)?',
  'g',
);

/** Phrases about how often, not which weekday: kept as the frequency note. */
const FREQUENCY_PHRASE =
  /(第\s*\d(?:\s*[・,、と]\s*第?\s*\d)*\s*[月火水木金土日]?曜?日?|隔週|毎月|月\s*\d+\s*回|週\s*\d+\s*回|年\s*\d+\s*回|不定期|随時|要相談)/;

/**
 * 曜日 and 時間 (one column or two) → weekly slots, plus the frequency note when the text says something the
 * weekly slots cannot (第2・第4, 月2回, 隔週). Days without a readable time are not guessed: a warning says so.
 */
export function parseSchedule(daysText: string, timeText = ''): Parsed<{ slots: Slot[]; frequencyNote: string | null }> {
  const text = clean(`${daysText} ${timeText}`);
  if (!text) return { value: { slots: [], frequencyNote: null } };
  const frequency = FREQUENCY_PHRASE.exec(text)?.[0]?.trim() ?? null;
  // Remove what is not a weekday before reading weekdays: 「月2回」「毎月」 name the month, 「第2」 an ordinal.
  const scrubbed = text.replace(/月\s*\d+\s*回|毎月|月に|か月|ヶ月|第\s*\d/g, ' ');
  const slots: Slot[] = [];
  const warnings: string[] = [];
  let pending: Day[] = [];
  let lastDays: Day[] = [];
  let cursor = 0;
  const readDays = (segment: string) => {
    for (const day of daysIn(segment)) if (!pending.includes(day)) pending.push(day);
  };
  for (const match of scrubbed.matchAll(RANGE_PATTERN)) {
    readDays(scrubbed.slice(cursor, match.index));
    cursor = (match.index ?? 0) + match[0].length;
    const [, m1, h1, min1, half1, fmin1, m2, h2, min2, half2, fmin2] = match;
    const start = clock(h1, min1 ?? fmin1, Boolean(half1), m1);
    let end = clock(h2, min2 ?? fmin2, Boolean(half2), m2 ?? (m1 === '午後' ? '午後' : undefined));
    if (end !== null && start !== null && end <= start && Number(h2) < 12 && m2 === undefined) end += 12 * 60;
    const days = pending.length ? pending : lastDays;
    if (start === null || end === null || end <= start || end > 24 * 60) {
      warnings.push(`時間「${match[0]}」を読み取れません（例: 10:00-12:00、10時～12時）`);
    } else if (!days.length) {
      warnings.push(`時間「${match[0]}」の曜日が分かりません（例: 毎週火・木 10時～12時）`);
    } else {
      for (const day of days) slots.push({ day, start: hhmm(start), end: hhmm(end) });
    }
    if (pending.length) lastDays = pending;
    pending = [];
  }
  readDays(scrubbed.slice(cursor));
  if (pending.length) {
    const part = /午前|午後/.exec(scrubbed.slice(cursor))?.[0];
    if (part && !slots.length) {
      // 「平日午前」: the usual meaning of the half-day, said in the warning so that it can be corrected.
      const [start, end] = part === '午前' ? ['09:00', '12:00'] : ['13:00', '17:00'];
      for (const day of pending) slots.push({ day, start, end });
      warnings.push(`「${part}」を ${start}～${end} と読みました。違う場合は時間を 10:00-12:00 の形で書いてください`);
    } else {
      warnings.push(`曜日（${pending.map(dayLabel).join('・')}）の時間が分からないため、時間割には入れていません（例: 火 10:00-12:00）`);
    }
  }
  slots.sort((a, b) => DAY_ORDER.indexOf(a.day) - DAY_ORDER.indexOf(b.day) || a.start.localeCompare(b.start));
  const unique = slots.filter((s, i) => slots.findIndex((o) => o.day === s.day && o.start === s.start && o.end === s.end) === i);
  return { value: { slots: unique, frequencyNote: frequency }, warning: warnings.length ? warnings.join('。') : undefined };
}

function dayLabel(day: Day): string {
  return Object.entries(DAY_CHARS).find(([, d]) => d === day)![0];
}

/** Weekdays named in a piece of text: 「火・木」「月～金」「平日」「土日」「毎日」「火曜日」. */
export function daysIn(segment: string): Day[] {
  const found: Day[] = [];
  const add = (d: Day) => !found.includes(d) && found.push(d);
  let text = segment;
  if (/毎日|全日/.test(text)) DAY_ORDER.forEach(add);
  if (/平日/.test(text)) (['mon', 'tue', 'wed', 'thu', 'fri'] as Day[]).forEach(add);
  if (/週末|土日祝?/.test(text)) (['sat', 'sun'] as Day[]).forEach(add);
  text = text.replace(/毎日|全日|平日|週末|土日祝?/g, ' ');
  // Ranges 「月～金」「月曜-金曜」
  text = text.replace(/([月火水木金土日])曜?日?\s*(?:~|-|から)\s*([月火水木金土日])曜?日?/g, (_, a: string, b: string) => {
    const from = DAY_ORDER.indexOf(DAY_CHARS[a]);
    const to = DAY_ORDER.indexOf(DAY_CHARS[b]);
    for (let i = from; i <= (to >= from ? to : to + 7); i++) add(DAY_ORDER[i % 7]);
    return ' ';
  });
  // 「火曜日」's 日 is not Sunday; nor is the 日 of 祝日・日時・日程.
  text = text.replace(/曜日/g, '曜').replace(/祝日|休日|日時|日程|日中|祝|月末|月初/g, ' ');
  for (const char of text) if (DAY_CHARS[char]) add(DAY_CHARS[char]);
  return DAY_ORDER.filter((d) => found.includes(d));
}

/** 「3名」「3人」「2～3名」「若干名」 → a whole number; a range gives its upper end, with a warning. */
export function parseCount(text: string, what: string): Parsed<number | null> {
  const t = clean(text);
  if (!t) return { value: null };
  const range = /^(\d+)\s*(?:~|-|から)\s*(\d+)\s*(?:名|人|組)?(?:程度|くらい|まで)?$/.exec(t);
  if (range) {
    return { value: Number(range[2]), warning: `${what}「${text}」は幅があるため上限の ${range[2]} としました` };
  }
  const single = /^(\d+)\s*(?:名|人|組)?(?:程度|くらい|まで|以内)?$/.exec(t);
  if (single) return { value: Number(single[1]) };
  if (/^(なし|無し|0|満員|いっぱい)$/.test(t)) return { value: 0 };
  return { value: null, warning: `${what}「${text}」を数として読めません（例: 3、3名）` };
}

const YES = /^(○|◯|〇|●|✓|✔|☑|v|可|可能|はい|有|有り|あり|ok|yes|y|true|1|歓迎|◎)$/i;
const NO = /^(×|✕|✖|x|不可|いいえ|無|無し|なし|no|n|false|0|-|―)$/i;

/** 「○」「✓」「可」 → true; 「×」「不可」 → false; blank → null; anything else → null with a warning. */
export function parseYes(text: string, what: string): Parsed<boolean | null> {
  const t = clean(text);
  if (!t) return { value: null };
  if (YES.test(t)) return { value: true };
  if (NO.test(t)) return { value: false };
  if (/^(要相談|相談|応相談|条件付き?)/.test(t)) return { value: true, warning: `${what}「${text}」は条件付きのため「可」としました` };
  return { value: null, warning: `${what}「${text}」を可・不可として読めません（例: ○、可、×）` };
}

/** Full-width digits and hyphens (０３ー１２３４ー５６７８) → 03-1234-5678; a number that does not look like one is kept. */
export function parsePhone(text: string): Parsed<string | null> {
  const t = clean(text)
    .replace(/[()（）]/g, '-')
    .replace(/[\u2010-\u2015\u2212\u30FC\uFF0D]/g, '-')
    .replace(/\s+/g, '')
    .replace(/^-+|-+$/g, '')
    .replace(/-+/g, '-');
  if (!t) return { value: null };
  const digits = t.replace(/-/g, '');
  if (/^[\d-]+$/.test(t) && digits.length >= 10 && digits.length <= 11) return { value: t };
  return { value: clean(text), warning: `電話番号「${text}」の形が確認できません（例: 03-1234-5678）。そのまま登録します` };
}

const TYPE_WORDS: Array<[RegExp, ResourceType]> = [
  [/居場所|サロン|カフェ|食堂|通いの場|たまり場|フリースペース|交流/, 'ibasho'],
  [/就労|就業|職業体験|仕事体験|作業体験|職場体験|訓練|中間的/, 'work_experience'],
  [/ボランティア|ボラ|奉仕/, 'volunteer'],
  [/住まい|住居|シェルター|宿泊|一時滞在/, 'housing_support'],
];

/** 分類 → resource type; unknown → other with a warning. */
export function parseResourceType(text: string): Parsed<ResourceType> {
  const t = clean(text);
  if (!t) return { value: 'other', warning: '分類が空欄のため「その他」としました（例: 居場所、就労体験、ボランティア）' };
  const exact = (Object.entries(RESOURCE_TYPE_LABELS) as Array<[ResourceType, string]>).find(([code, label]) => t === label || t === code);
  if (exact) return { value: exact[0] };
  const hit = TYPE_WORDS.find(([re]) => re.test(t));
  if (hit) return { value: hit[1] };
  return {
    value: 'other',
    warning: `分類「${text}」は居場所・就労体験・ボランティア・住まい支援のどれにも当たらないため「その他」としました`,
  };
}

const KIND_WORDS: Array<[RegExp, OrganizationKind]> = [
  [/社会福祉協議会|社協/, 'social_welfare_council'],
  [/社会福祉法人|社福/, 'social_welfare_corporation'],
  [/NPO|特定非営利/i, 'npo'],
  [/一般社団|一般財団|公益社団|公益財団|社団法人|財団法人/, 'general_incorporated_association'],
  [/医療法人|病院|クリニック|診療所/, 'medical_corporation'],
  [/学校法人|学校|大学|高校|中学/, 'school'],
  [/宗教法人|寺|神社|教会/, 'religious'],
  [/協同組合|JA|農協|生協|漁協|ワーカーズ/i, 'cooperative'],
  [/商店街|商工会|商工会議所/, 'commerce_association'],
  [/自治会|町内会|町会|区会|地区社協|地縁団体/, 'neighbourhood_association'],
  [/市民活動|任意団体|ボランティア団体|サークル|有志|当事者会|家族会/, 'citizen_group'],
  [/市役所|町役場|村役場|行政|市|町|村|区役所|県|都|府|公共/, 'municipality'],
  [/障害福祉|B型|A型|就労継続|就労移行|地域活動支援センター/, 'disability_service'],
  [/株式会社|有限会社|合同会社|合資会社|企業|会社|\(株\)|\(有\)/, 'company'],
  [/農園|農家|農場|ファーム/, 'farm'],
  [/商店|個人事業|店舗|お店|店/, 'shop'],
];

/** 法人格・種別 → organisation kind; unknown → other, the label kept. */
export function parseOrganizationKind(text: string, organizationName = ''): Parsed<{ kind: OrganizationKind; kindLabel: string | null }> {
  const t = clean(text);
  if (t) {
    const exact = (Object.entries(ORGANIZATION_KIND_LABELS) as Array<[OrganizationKind, string]>).find(
      ([code, label]) => t === label || t === code,
    );
    if (exact) return { value: { kind: exact[0], kindLabel: null } };
    const hit = KIND_WORDS.find(([re]) => re.test(t));
    if (hit) return { value: { kind: hit[1], kindLabel: null } };
    return {
      value: { kind: 'other', kindLabel: t.slice(0, 100) },
      warning: `種別「${text}」は一覧にないため「その他」とし、名前はそのまま残しました`,
    };
  }
  // The legal form is often written in the name only (「NPO法人〇〇」「株式会社〇〇」).
  const fromName = KIND_WORDS.filter(([, kind]) => kind !== 'municipality' && kind !== 'shop').find(([re]) =>
    re.test(clean(organizationName)),
  );
  if (fromName) return { value: { kind: fromName[1], kindLabel: null } };
  return { value: { kind: 'other', kindLabel: null } };
}

/** 費用・謝礼 → reward: 無償 / 謝礼 / 有償. Words that do not say which are a warning (kept as 無償). */
export function parseReward(text: string): Parsed<Reward> {
  const t = clean(text);
  if (!t) return { value: 'unpaid' };
  const exact = (Object.entries(REWARD_LABELS) as Array<[Reward, string]>).find(([code, label]) => t === label || t === code);
  if (exact) return { value: exact[0] };
  if (/時給|日給|給与|賃金|最低賃金|工賃|有給|有償/.test(t)) return { value: 'paid' };
  if (/謝礼|謝金|交通費|商品券|図書カード|お礼|薄謝|地域通貨|ポイント/.test(t)) return { value: 'honorarium' };
  if (/無償|無料|なし|無し|不要|0円|ボランティア/.test(t)) return { value: 'unpaid' };
  if (/実費|参加費|材料費|\d+\s*円/.test(t)) {
    return { value: 'unpaid', warning: `費用「${text}」は参加する人の負担と読み、謝礼なし（無償）としました` };
  }
  return { value: 'unpaid', warning: `費用・謝礼「${text}」を読み取れないため無償としました（例: 無償、謝礼、有償）` };
}

const LEVEL_WORDS: Array<[RegExp, DemandLevel]> = [
  [/^(少ない|少なめ|低い?|ほとんどない|なし|low|軽い|軽め)$/i, 'low'],
  [/^(普通|ふつう|中|medium|標準|ある程度)$/i, 'medium'],
  [/^(多い|多め|高い?|high|重い|重め)$/i, 'high'],
];

/** 会話・体力・読み書きの程度 → low / medium / high (blank: medium). */
export function parseLevel(text: string, what: string): Parsed<DemandLevel> {
  const t = clean(text);
  if (!t) return { value: 'medium' };
  const exact = (Object.entries(DEMAND_LEVEL_LABELS) as Array<[DemandLevel, string]>).find(([, label]) => label === t);
  if (exact) return { value: exact[0] };
  const hit = LEVEL_WORDS.find(([re]) => re.test(t));
  if (hit) return { value: hit[1] };
  return { value: 'medium', warning: `${what}「${text}」を読み取れないため「普通」としました（少ない・普通・多い）` };
}

const ACCOMMODATION_WORDS: Array<[RegExp, Accommodation]> = [
  [/見学/, 'visit_ok'],
  [/同行/, 'accompany_ok'],
  [/体験/, 'trial_ok'],
  [/少人数/, 'small_group'],
  [/短時間/, 'short_hours'],
  [/静か/, 'quiet'],
  [/座って|座り/, 'seated'],
  [/支援者|スタッフ常駐|常駐/, 'supporter_on_site'],
  [/日時の相談|日程相談|時間相談/, 'flexible_schedule'],
  [/会話が少な|話さなくて/, 'little_talking'],
  [/一人で|ひとりで|黙々/, 'solo_work'],
  [/バリアフリー|車いす|車椅子/, 'barrier_free'],
  [/送迎/, 'transport'],
  [/食事|昼食|ランチ/, 'meal'],
  [/女性のみ|女性限定/, 'women_only'],
  [/若者/, 'youth'],
  [/オンライン/, 'online'],
];

/** 「見学可、少人数」 → accommodation codes; parts it cannot place are returned for the caller to keep as text. */
export function parseAccommodations(text: string): { codes: Accommodation[]; unknown: string[] } {
  const codes: Accommodation[] = [];
  const unknown: string[] = [];
  for (const part of clean(text)
    .split(/[、,・/\n]| /)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const exact = (Object.entries(ACCOMMODATIONS) as Array<[Accommodation, string]>).find(
      ([code, label]) => part === label || part === code,
    );
    const code = exact?.[0] ?? ACCOMMODATION_WORDS.find(([re]) => re.test(part))?.[1];
    if (code) {
      if (!codes.includes(code)) codes.push(code);
    } else unknown.push(part);
  }
  return { codes, unknown };
}

/** 状態: 受付中/休止/終了 → open / paused / closed (blank: open). */
export function parseStatus(text: string): Parsed<ResourceStatus> {
  const t = clean(text);
  if (!t || /受付中|募集中|活動中|open|実施中/i.test(t)) return { value: 'open' };
  if (/休止|休み|中断|paused/i.test(t)) return { value: 'paused' };
  if (/終了|廃止|閉鎖|closed/i.test(t)) return { value: 'closed' };
  if ((RESOURCE_STATUSES as readonly string[]).includes(t)) return { value: t as ResourceStatus };
  return { value: 'open', warning: `状態「${text}」を読み取れないため「受付中」としました（受付中・休止・終了）` };
}

export const STATUS_LABELS: Record<ResourceStatus, string> = { open: '受付中', paused: '休止', closed: '終了' };

/** 「徒歩10分」「10分」 → 10. */
export function parseMinutes(text: string): Parsed<number | null> {
  const t = clean(text);
  if (!t) return { value: null };
  const m = /(\d{1,3})\s*分/.exec(t) ?? /^(\d{1,3})$/.exec(t);
  if (m) return { value: Number(m[1]) };
  return { value: null, warning: `所要時間「${text}」を分として読めません（例: 徒歩10分、10）` };
}

/** The canonical text of a weekly schedule, as the export writes it and parseSchedule reads it back. */
export function formatSchedule(slots: Slot[]): string {
  return slots.map((s) => `${dayLabel(s.day)} ${s.start}-${s.end}`).join('、');
}
