/** The synthetic catalogue and needs texts the benchmarks share (deterministic: same seed, same catalogue). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../src/common/project-root';
import {
  ACCOMMODATION_CODES,
  DAYS,
  DAY_LABELS,
  RESOURCE_TYPE_LABELS,
  type Accommodation,
  type Day,
  type DemandLevel,
  type ResourceType,
  type Reward,
} from '../src/common/catalogue.constants';
import type { ResourceTextFields } from '../src/resources/resource-text';

/** Deterministic PRNG (mulberry32), so that every run builds the same catalogue. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const weighted = <T>(xs: ReadonlyArray<readonly [T, number]>): T => {
    const total = xs.reduce((s, [, w]) => s + w, 0);
    let r = next() * total;
    for (const [x, w] of xs) if ((r -= w) < 0) return x;
    return xs[xs.length - 1][0];
  };
  const sample = <T>(xs: readonly T[], n: number): T[] => {
    const copy = [...xs];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, Math.min(n, copy.length));
  };
  return { next, int, pick, weighted, sample, chance: (p: number) => next() < p };
}
export type Rng = ReturnType<typeof rng>;

// ---------------------------------------------------------------------------
// synthetic catalogue

export const AREAS: ReadonlyArray<readonly [string, number]> = [
  ['中央', 18],
  ['東部', 12],
  ['西部', 11],
  ['南部', 10],
  ['北部', 9],
  ['本町', 10],
  ['山手', 8],
  ['川西', 8],
  ['港', 7],
  ['北原', 7],
];
export const AREA_NAMES = AREAS.map(([a]) => a);
export const TYPE_WEIGHTS: ReadonlyArray<readonly [ResourceType, number]> = [
  ['ibasho', 30],
  ['work_experience', 30],
  ['volunteer', 24],
  ['housing_support', 7],
  ['other', 9],
];
export const NICKNAMES = [
  'ひだまり',
  'えんがわ',
  'こもれび',
  'つばさ',
  'よりみち',
  'ほっと',
  'わかば',
  'そよかぜ',
  'あおぞら',
  'ぽかぽか',
  'みちくさ',
  'たんぽぽ',
  'ひなた',
  'かけはし',
  'ともしび',
  'いろどり',
  'のびのび',
  'まほろば',
  'ゆるり',
  'むすび',
  'おひさま',
  'ふらっと',
  'きずな',
  'なごみ',
];
export const PLACES = [
  '古民家',
  '公民館',
  '集会所',
  '農園',
  '商店街の空き店舗',
  'お寺の本堂',
  '図書館',
  '体育館',
  '河川敷の広場',
  '駅前ビルの一室',
  '倉庫',
  '木工房',
  '団地の集会所',
  '市民センター',
  '教会のホール',
  '社会福祉協議会の会議室',
  'パン工房',
  '旅館',
  '保育園',
  '道の駅',
  'リサイクルセンター',
  '高齢者施設',
  '地域の畑',
  '港の作業場',
  '学校の空き教室',
  'コミュニティカフェ',
  '作業所',
  '事務所',
];
export const PEOPLE = [
  '地域のお年寄り',
  '子育て中の親子',
  '学生ボランティア',
  '障害のある方',
  'ひきこもり経験のある方',
  '仕事を休んでいる方',
  '外国にルーツのある方',
  '定年退職した方',
  '不登校の子ども',
  '地元の農家さん',
  '民生委員',
  '同世代の若者',
];
export const ATMOSPHERE = [
  '静かで落ち着いた雰囲気です。',
  'にぎやかで明るい雰囲気です。',
  '少人数でゆったり過ごせます。',
  '若い世代が中心で、気軽に参加できます。',
  '年配の方が多く、穏やかな雰囲気です。',
  '常連さんが多いですが、新しい人も温かく迎えてくれます。',
  '話さなくても大丈夫な、干渉しない雰囲気です。',
  'スタッフがさりげなく声をかけてくれます。',
  '黙々と作業する人がほとんどです。',
  '笑い声が絶えない場です。',
  '作業の合間にお茶の時間があります。',
  '窓が大きく、明るい部屋です。',
  '自然に囲まれた気持ちのよい場所です。',
  '決まった役割はなく、できることから関われます。',
];
export const CLOSINGS = [
  '見学だけでも歓迎です。',
  '途中で帰っても構いません。',
  '初回は支援者の同行をおすすめします。',
  '体調に合わせて参加時間を調整できます。',
  '作業の手順は写真つきのマニュアルで説明します。',
  '昼食を一緒に食べることもあります。',
  '交通費の一部を支給します。',
  '雨天の場合は屋内作業に切り替えます。',
  '服装は汚れてもよいものでお越しください。',
  '事前に電話で連絡をいただけると助かります。',
  '休むときの連絡はメールでも大丈夫です。',
  '慣れてきたら担当を持ってもらうこともあります。',
];
export const TASKS: Record<ResourceType, string[]> = {
  ibasho: [
    'お茶を飲んで過ごす',
    'ボードゲームで遊ぶ',
    '手芸や編み物',
    '本や漫画を読む',
    '将棋や囲碁',
    '季節の手づくり講座',
    '昼食づくりの手伝い',
    'おしゃべり',
    '体操やストレッチ',
    '折り紙',
    '塗り絵',
    'カラオケ',
    '映画鑑賞',
    'ピアサポートの分かち合い',
    '宿題や学び直し',
    'ゲーム大会',
    '園芸',
    'ぼんやり過ごす',
  ],
  work_experience: [
    '野菜の収穫',
    '袋詰め',
    'パンの成形',
    '厨房での皿洗い',
    '店内の清掃',
    '商品の陳列',
    '封入・封かん作業',
    'データ入力',
    '古紙の仕分け',
    '客室のベッドメイク',
    '洗車',
    '配達の補助',
    '部品の検品',
    '草刈り',
    '鶏の世話',
    '花の苗の植え替え',
    'シール貼り',
    '倉庫でのピッキング',
    'ホームページの更新',
    'チラシの折り込み',
    'レジ打ち',
    '家電の分解',
    '魚の加工の補助',
    '木工製品のやすりがけ',
  ],
  volunteer: [
    '公園の草取り',
    '子ども食堂の配膳',
    '図書館の本の整理',
    '高齢者の見守り訪問',
    '祭りの準備',
    '花壇の手入れ',
    'フードバンクの仕分け',
    '海岸の清掃活動',
    'イベントの受付',
    '写真撮影',
    '会報の発送作業',
    '傾聴ボランティア',
    '子どもの学習支援',
    '災害備蓄品の点検',
    '古着のリサイクル',
    '放置自転車の整理',
    '広報誌のイラスト',
    '多言語の案内づくり',
  ],
  housing_support: [
    '住まい探しの相談',
    '家具の組み立て',
    '引っ越しの手伝い',
    '家計の相談',
    'ゴミ出しの練習',
    '掃除の習慣づくり',
    '入居後の見守り',
    '生活用品の買い物同行',
    '公営住宅の申込み支援',
    'シェアハウスでの共同生活',
    '保証人がいない人の賃貸相談',
    '自炊の練習',
  ],
  other: [
    'パソコン講座',
    'スマホ教室',
    '写真教室',
    '音楽サークル',
    '陶芸',
    '書道',
    'ヨガ',
    '卓球',
    'ウォーキング',
    '料理教室',
    'オンライン交流会',
    '英会話サロン',
    'ボッチャ',
    '釣り',
  ],
};
export const TITLE_TEMPLATES: Record<ResourceType, string[]> = {
  ibasho: [
    '{area}{place}サロン「{nick}」',
    'コミュニティカフェ「{nick}」',
    'フリースペース「{nick}」',
    '{people}の居場所「{nick}」',
    '{task}の会「{nick}」',
    '通いの場「{nick}」（{area}）',
  ],
  work_experience: ['{place}での{task}体験', '{task}の就労体験（{area}）', '{nick}{place}の{task}スタッフ体験', '{area}の{place}で{task}'],
  volunteer: ['{task}ボランティア（{area}）', '{area}地区の{task}', '{nick}の会：{task}', '{place}での{task}のお手伝い'],
  housing_support: ['{task}（{nick}）', '{area}の住まいサポート：{task}', '{nick}ハウスの{task}'],
  other: ['{task}「{nick}」', '{area}{place}の{task}', 'はじめての{task}（{area}）'],
};
export const ORG_KINDS = [
  'npo',
  'social_welfare_council',
  'social_welfare_corporation',
  'company',
  'farm',
  'shop',
  'neighbourhood_association',
  'cooperative',
  'disability_service',
  'religious',
];
export const ACCOMMODATION_P: Partial<Record<Accommodation, number>> = {
  visit_ok: 0.6,
  accompany_ok: 0.5,
  trial_ok: 0.35,
  small_group: 0.3,
  short_hours: 0.3,
  quiet: 0.25,
  seated: 0.2,
  supporter_on_site: 0.2,
  flexible_schedule: 0.3,
  little_talking: 0.2,
  solo_work: 0.15,
  barrier_free: 0.2,
  transport: 0.05,
  meal: 0.1,
  women_only: 0.03,
  youth: 0.08,
  online: 0.05,
};

export interface SyntheticResource extends ResourceTextFields {
  organizationIndex: number;
  area: string;
  address: string;
  nearestStation: string;
  accessMinutes: number | null;
  schedule: Array<{ day: Day; start: string; end: string }>;
  scheduleDays: Day[];
  frequencyNote: string;
  capacity: number;
  vacancies: number;
  acceptsOutsideEligibility: boolean;
  status: 'open' | 'paused' | 'closed';
}

export const fill = (template: string, slots: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, k: string) => slots[k] ?? '');
export const hhmm = (h: number, m = 0) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;

export function syntheticResource(r: Rng, organizations: number): SyntheticResource {
  const type = r.weighted(TYPE_WEIGHTS);
  const area = r.weighted(AREAS);
  const tasks = r.sample(TASKS[type], r.int(1, 4));
  const place = r.pick(PLACES);
  const people = r.pick(PEOPLE);
  const nick = r.pick(NICKNAMES);
  const title = fill(r.pick(TITLE_TEMPLATES[type]), { area, place, people, nick, task: tasks[0] });
  const opening = r.pick([
    `${area}の${place}で、${people}と一緒に${tasks[0]}をしています。`,
    `${place}を会場に、月に${r.int(2, 8)}回${tasks.join('や')}を行っています。`,
    `${people}が中心となって運営している${RESOURCE_TYPE_LABELS[type]}です。`,
    `${area}地区の${place}にある、${tasks[0]}が中心の${RESOURCE_TYPE_LABELS[type]}です。`,
    `${nick}は${people}のために始まった活動で、${tasks.slice(0, 2).join('と')}に取り組んでいます。`,
  ]);
  const description = [
    opening,
    ...r.sample(ATMOSPHERE, r.int(1, 2)),
    ...(r.chance(0.5) ? [`${r.pick(PEOPLE)}も参加しています。`] : []),
    ...r.sample(CLOSINGS, r.int(1, 2)),
  ].join('');
  const dayCount = r.weighted([
    [1, 35],
    [2, 35],
    [3, 20],
    [5, 7],
    [7, 3],
  ] as const);
  const weekdayWeighted: ReadonlyArray<readonly [Day, number]> = [
    ['mon', 14],
    ['tue', 16],
    ['wed', 16],
    ['thu', 16],
    ['fri', 14],
    ['sat', 14],
    ['sun', 10],
  ];
  const days = new Set<Day>();
  while (days.size < dayCount) days.add(r.weighted(weekdayWeighted));
  const scheduleDays = DAYS.filter((d) => days.has(d));
  const start = r.int(8, 15);
  const startMinute = r.pick([0, 0, 30]);
  const end = Math.min(start + r.int(1, 5), 21);
  const schedule = scheduleDays.map((day) => ({ day, start: hhmm(start, startMinute), end: hhmm(end, startMinute) }));
  const frequencyNote = r.pick([
    `毎週${scheduleDays.map((d) => DAY_LABELS[d]).join('・')}曜`,
    `第1・第3${DAY_LABELS[scheduleDays[0]]}曜`,
    `毎週${scheduleDays.map((d) => DAY_LABELS[d]).join('・')}曜（祝日休み）`,
    '日時は相談のうえ決めます',
  ]);
  const capacity = r.int(1, 30);
  const vacancies = r.chance(0.15) ? 0 : r.int(1, capacity);
  const accommodations = ACCOMMODATION_CODES.filter((a) => r.chance(ACCOMMODATION_P[a] ?? 0.1));
  const level = (low: number, high: number): DemandLevel =>
    r.weighted([
      ['low', low],
      ['medium', 100 - low - high],
      ['high', high],
    ] as const);
  const physicalHigh = type === 'work_experience' || type === 'volunteer' ? 35 : 10;
  const reward: Reward =
    type === 'work_experience'
      ? r.weighted([
          ['unpaid', 30],
          ['honorarium', 40],
          ['paid', 30],
        ] as const)
      : r.weighted([
          ['unpaid', 85],
          ['honorarium', 15],
        ] as const);
  return {
    organizationIndex: r.int(0, organizations - 1),
    type,
    title,
    description,
    tasks,
    accommodations,
    reward,
    area,
    demandTalking: level(30, 20),
    demandPhysical: level(35, physicalHigh),
    demandLiteracy: level(45, 10),
    address: `みどり市${area}${r.int(1, 5)}-${r.int(1, 30)}-${r.int(1, 20)}`,
    nearestStation: r.pick([`${area}駅`, `${area}二丁目バス停`, `${area}市民センター前バス停`]),
    accessMinutes: r.chance(0.1) ? null : r.int(1, 40),
    schedule,
    scheduleDays,
    frequencyNote,
    capacity,
    vacancies,
    acceptsOutsideEligibility: r.chance(0.6),
    status: r.weighted([
      ['open', 88],
      ['paused', 8],
      ['closed', 4],
    ] as const),
  };
}

// ---------------------------------------------------------------------------
// needs texts (queries) and their filters

export const NEED_DIFFICULTIES = [
  '人と話すのが苦手',
  '朝起きるのがつらい',
  '長時間の作業は疲れてしまう',
  '大勢の場所が怖い',
  '字を読むのが苦手',
  '体力に自信がない',
  '外に出るのは半年ぶり',
  '仕事を辞めてから家にこもりがち',
  '調子の波があって決まった日に行けるか不安',
  '電車に長く乗れない',
  '男性が多い場所は怖い',
  '人の目が気になる',
];
export const NEED_WANTS = [
  '{task}のような作業',
  '静かな場所で黙々とできる作業',
  '同世代と話せる場',
  '土に触れる仕事',
  '手を動かす作業',
  '人の役に立てる活動',
  '少しでもお金になる仕事',
  '{task}',
  'ゆっくり過ごせる居場所',
  '体を動かす仕事',
  'パソコンを使う作業',
  '子どもと関われる活動',
  '住む場所の相談',
];
export const NEED_DAYS = [
  '平日の午後なら出られる',
  '土日なら家族が送ってくれる',
  '週1回2時間くらいから',
  '火曜と木曜が空いている',
  '午前中を希望',
  '夕方以降なら動ける',
  '初回は同行してほしい',
  '',
];

export function needsTexts(count: number): string[] {
  const devset = JSON.parse(fs.readFileSync(path.join(projectRoot(), 'test', 'fixtures', 'matching-devset.json'), 'utf8')) as {
    needs: Array<{ needs: string }>;
  };
  const texts = devset.needs.map((n) => n.needs).slice(0, count);
  const r = rng(20_251_123);
  const allTasks = Object.values(TASKS).flat();
  while (texts.length < count) {
    const want = fill(r.pick(NEED_WANTS), { task: r.pick(allTasks) });
    texts.push(`${r.pick(NEED_DIFFICULTIES)}。${want}があればやってみたい。${r.pick(NEED_DAYS)}。`.replace(/。。$/, '。'));
  }
  return texts;
}
