/**
 * Fixed vocabularies of the catalogue. The codes are the API values; the
 * Japanese labels are what coordinators and hosts read (reasons, reports, docs).
 */
export const RESOURCE_TYPES = ['ibasho', 'work_experience', 'volunteer', 'housing_support', 'other'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];
export const RESOURCE_TYPE_LABELS: Record<ResourceType, string> = {
  ibasho: '居場所',
  work_experience: '就労体験',
  volunteer: 'ボランティア',
  housing_support: '住まい支援',
  other: 'その他',
};

export const RESOURCE_STATUSES = ['open', 'paused', 'closed'] as const;
export type ResourceStatus = (typeof RESOURCE_STATUSES)[number];

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Day = (typeof DAYS)[number];
export const DAY_LABELS: Record<Day, string> = { mon: '月', tue: '火', wed: '水', thu: '木', fri: '金', sat: '土', sun: '日' };

/** Accommodations a host can offer (配慮・受入れ条件). Documented in README. */
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

export const DEMAND_LEVELS = ['low', 'medium', 'high'] as const;
export type DemandLevel = (typeof DEMAND_LEVELS)[number];
export const DEMAND_LEVEL_LABELS: Record<DemandLevel, string> = { low: '少ない', medium: '普通', high: '多い' };
/** What an activity asks of a person: talking with people, physical load, reading/writing. */
export const DEMAND_KINDS = ['talking', 'physical', 'literacy'] as const;
export type DemandKind = (typeof DEMAND_KINDS)[number];
export const DEMAND_KIND_LABELS: Record<DemandKind, string> = { talking: '人と話す', physical: '体力', literacy: '読み書き' };

export const REWARDS = ['unpaid', 'honorarium', 'paid'] as const;
export type Reward = (typeof REWARDS)[number];
export const REWARD_LABELS: Record<Reward, string> = { unpaid: '無償', honorarium: '謝礼', paid: '有償' };

/**
 * Organisation kinds after Japanese legal forms and practice. Older codes keep their meaning (a 学校法人 is
 * `school`, a 宗教法人 `religious`, 協同組合（JA・生協） `cooperative`); an unknown kind is `other` with the
 * typed label kept in `kind_label`. The database checks the same list (migration CatalogueImport).
 */
export const ORGANIZATION_KINDS = [
  'npo',
  'social_welfare_council',
  'social_welfare_corporation',
  'company',
  'farm',
  'shop',
  'neighbourhood_association',
  'municipality',
  'cooperative',
  'disability_service',
  'school',
  'religious',
  'general_incorporated_association',
  'medical_corporation',
  'commerce_association',
  'citizen_group',
  'other',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];
export const ORGANIZATION_KIND_LABELS: Record<OrganizationKind, string> = {
  npo: 'NPO法人',
  social_welfare_council: '社会福祉協議会',
  social_welfare_corporation: '社会福祉法人',
  company: '株式会社・企業',
  farm: '農家・農園',
  shop: '商店・個人事業',
  neighbourhood_association: '自治会・町内会',
  municipality: '行政',
  cooperative: '協同組合（JA・生協）',
  disability_service: '障害福祉サービス事業所',
  school: '学校法人・学校',
  religious: '宗教法人',
  general_incorporated_association: '一般社団法人・一般財団法人',
  medical_corporation: '医療法人',
  commerce_association: '商店街・商工会',
  citizen_group: '市民活動団体・任意団体',
  other: 'その他',
};

/** 開拓中 / 受入可 / 休止 */
export const DEVELOPMENT_STATUSES = ['developing', 'accepting', 'suspended'] as const;
export type DevelopmentStatus = (typeof DEVELOPMENT_STATUSES)[number];
