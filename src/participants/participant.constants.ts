export const REFERRAL_ROUTES = ['hospital', 'school', 'care_manager', 'family', 'outreach', 'self', 'other'] as const;
export type ReferralRoute = (typeof REFERRAL_ROUTES)[number];
export const REFERRAL_ROUTE_LABELS: Record<ReferralRoute, string> = {
  hospital: '医療機関', school: '学校', care_manager: 'ケアマネジャー', family: '家族', outreach: 'アウトリーチ', self: '本人', other: 'その他',
};

/** 日常生活自立 → 社会生活自立 → 就労自立 */
export const READINESS_STAGES = ['daily_living', 'social_life', 'employment'] as const;
export type ReadinessStage = (typeof READINESS_STAGES)[number];
export const READINESS_STAGE_LABELS: Record<ReadinessStage, string> = { daily_living: '日常生活自立', social_life: '社会生活自立', employment: '就労自立' };

export const CONSENT_STATUSES = ['not_obtained', 'obtained', 'withdrawn'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

/**
 * Fields a participant may allow a host to see (本人同意の範囲). The last four are
 * 要配慮個人情報 or household details: shown only when the person allowed that field.
 */
export const HOST_VISIBLE_FIELDS = ['displayName', 'ageBand', 'strengths', 'considerationsForHost', 'healthNote', 'disabilityNote', 'criminalRecordNote', 'householdNote'] as const;
export type HostVisibleField = (typeof HOST_VISIBLE_FIELDS)[number];
