/*
 * Japanese words for the service's codes, as coordinators read them. The codes and labels mirror
 * src/common/catalogue.constants.ts and src/participants/participant.constants.ts (the API's vocabulary).
 */
export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Day = (typeof DAYS)[number];
export const DAY_LABELS: Record<Day, string> = { mon: '月', tue: '火', wed: '水', thu: '木', fri: '金', sat: '土', sun: '日' };

/** The documented list of burdens a person may want to avoid (avoid). */
export const DEMAND_KINDS = ['talking', 'physical', 'literacy'] as const;
export type DemandKind = (typeof DEMAND_KINDS)[number];
export const AVOID_LABELS: Record<DemandKind, string> = {
  talking: '人と話すことが多い活動',
  physical: '体力を使う活動',
  literacy: '読み書きが多い活動',
};
export const DEMAND_KIND_LABELS: Record<DemandKind, string> = { talking: '人と話す', physical: '体力', literacy: '読み書き' };
export const DEMAND_LEVEL_LABELS: Record<string, string> = { low: '少ない', medium: '普通', high: '多い' };

export const READINESS_STAGES = ['daily_living', 'social_life', 'employment'] as const;
export type ReadinessStage = (typeof READINESS_STAGES)[number];
export const READINESS_LABELS: Record<ReadinessStage, string> = {
  daily_living: '日常生活自立',
  social_life: '社会生活自立',
  employment: '就労自立',
};

export const REFERRAL_ROUTES = ['hospital', 'school', 'care_manager', 'family', 'outreach', 'self', 'other'] as const;
export type ReferralRoute = (typeof REFERRAL_ROUTES)[number];
export const REFERRAL_LABELS: Record<ReferralRoute, string> = {
  hospital: '医療機関',
  school: '学校',
  care_manager: 'ケアマネジャー',
  family: '家族',
  outreach: 'アウトリーチ',
  self: '本人',
  other: 'その他',
};

export const CONSENT_STATUSES = ['not_obtained', 'obtained', 'withdrawn'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];
export const CONSENT_LABELS: Record<ConsentStatus, string> = { not_obtained: '未取得', obtained: '同意あり', withdrawn: '撤回' };

export const HOST_VISIBLE_FIELDS = [
  'displayName',
  'ageBand',
  'strengths',
  'considerationsForHost',
  'healthNote',
  'disabilityNote',
  'criminalRecordNote',
  'householdNote',
] as const;
export type HostVisibleField = (typeof HOST_VISIBLE_FIELDS)[number];

/** What a host will see when the person allows an item: said in plain words. `sensitive` items are 要配慮個人情報 or household. */
export const SCOPE_ITEMS: Record<HostVisibleField, { label: string; hostSees: string; sensitive?: string }> = {
  displayName: { label: '表示名', hostSees: '受入先は、この本人を表示名（例：Aさん）で見ることができます。実名は見せません。' },
  ageBand: { label: '年代', hostSees: '受入先は「30代」のような年代を見ることができます。' },
  strengths: { label: '得意なこと・興味', hostSees: '受入先は、本人の得意なことや興味を読むことができます。' },
  considerationsForHost: { label: '受入先に伝えたい配慮', hostSees: '受入先は、配慮してほしいことの説明を読むことができます。' },
  healthNote: { label: '健康状態', hostSees: '受入先は、健康状態の記録を読むことができます。', sensitive: '要配慮個人情報' },
  disabilityNote: { label: '障害', hostSees: '受入先は、障害についての記録を読むことができます。', sensitive: '要配慮個人情報' },
  criminalRecordNote: { label: '犯罪歴等', hostSees: '受入先は、犯罪歴等の記録を読むことができます。', sensitive: '要配慮個人情報' },
  householdNote: { label: '世帯の状況', hostSees: '受入先は、世帯の状況の記録を読むことができます。', sensitive: '世帯の情報' },
};

export const RESOURCE_TYPES = ['ibasho', 'work_experience', 'volunteer', 'housing_support', 'other'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];
export const RESOURCE_TYPE_LABELS: Record<ResourceType, string> = {
  ibasho: '居場所',
  work_experience: '就労体験',
  volunteer: 'ボランティア',
  housing_support: '住まい支援',
  other: 'その他',
};
export const RESOURCE_STATUS_LABELS: Record<string, string> = { open: '受付中', paused: '休止中', closed: '受付終了' };
export const REWARD_LABELS: Record<string, string> = { unpaid: '無償', honorarium: '謝礼', paid: '有償' };

export const ACCOMMODATIONS = {
  visit_ok: '見学可',
  accompany_ok: '同行可',
  trial_ok: '体験可',
  small_group: '少人数',
  short_hours: '短時間可',
  quiet: '静かな環境',
  seated: '座ってできる',
  supporter_on_site: '支援者が常駐',
  flexible_schedule: '日時の相談可',
  little_talking: '会話が少なくてよい',
  solo_work: '一人でできる作業',
  barrier_free: 'バリアフリー',
  transport: '送迎あり',
  meal: '食事あり',
  women_only: '女性のみ',
  youth: '若者向け',
  online: 'オンライン参加可',
} as const;
export type Accommodation = keyof typeof ACCOMMODATIONS;
export const ACCOMMODATION_CODES = Object.keys(ACCOMMODATIONS) as Accommodation[];

export const ORGANIZATION_KIND_LABELS: Record<string, string> = {
  npo: 'NPO法人',
  social_welfare_council: '社会福祉協議会',
  social_welfare_corporation: '社会福祉法人',
  company: '企業',
  farm: '農家・農業法人',
  shop: '商店',
  neighbourhood_association: '自治会・町内会',
  municipality: '自治体',
  cooperative: '協同組合',
  disability_service: '障害福祉サービス事業所',
  school: '学校',
  religious: '宗教法人',
  other: 'その他',
};
export const DEVELOPMENT_STATUS_LABELS: Record<string, string> = { developing: '開拓中', accepting: '受入可', suspended: '休止' };

export const PLACEMENT_STATE_LABELS: Record<string, string> = {
  proposed: '提案',
  visit: '見学',
  trial: '体験',
  active: '参加・受入',
  closed: '終結',
};
export const OUTCOME_LABELS: Record<string, string> = {
  settled: '定着',
  withdrew: '中断（本人）',
  host_declined: '受入先の辞退',
  rematched: 'つなぎなおし',
  other: 'その他',
};

/** 月・水 10:00〜12:00 */
export function scheduleText(schedule: readonly { day: string; start: string; end: string }[]): string {
  if (!schedule.length) return '日時は相談';
  return schedule.map((s) => `${DAY_LABELS[s.day as Day] ?? s.day} ${s.start}〜${s.end}`).join('、');
}
