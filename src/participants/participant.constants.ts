export const REFERRAL_ROUTES = ['hospital', 'school', 'care_manager', 'family', 'outreach', 'self', 'other'] as const;
export type ReferralRoute = (typeof REFERRAL_ROUTES)[number];
export const REFERRAL_ROUTE_LABELS: Record<ReferralRoute, string> = {
  hospital: '医療機関',
  school: '学校',
  care_manager: 'ケアマネジャー',
  family: '家族',
  outreach: 'アウトリーチ',
  self: '本人',
  other: 'その他',
};

/** 日常生活自立 → 社会生活自立 → 就労自立 */
export const READINESS_STAGES = ['daily_living', 'social_life', 'employment'] as const;
export type ReadinessStage = (typeof READINESS_STAGES)[number];
export const READINESS_STAGE_LABELS: Record<ReadinessStage, string> = {
  daily_living: '日常生活自立',
  social_life: '社会生活自立',
  employment: '就労自立',
};

export const CONSENT_STATUSES = ['not_obtained', 'obtained', 'withdrawn'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

/** The consent scope vocabulary is part of the access rules (src/access/consent-projection.ts). */
export { HOST_VISIBLE_FIELDS, type HostVisibleField } from '../access/consent-projection';
