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

/**
 * Fields a host sees only under an explicit, per-item consent, and then labelled as such:
 * 要配慮個人情報 (Act on the Protection of Personal Information art. 2(3)) and the household.
 */
export const SENSITIVE_FIELDS = ['healthNote', 'disabilityNote', 'criminalRecordNote', 'householdNote'] as const satisfies readonly HostVisibleField[];
export type SensitiveField = (typeof SENSITIVE_FIELDS)[number];
export const SENSITIVE_FIELD_LABELS: Record<SensitiveField, { label: string; category: string }> = {
  healthNote: { label: '健康状態', category: '要配慮個人情報' },
  disabilityNote: { label: '障害', category: '要配慮個人情報' },
  criminalRecordNote: { label: '犯罪歴等', category: '要配慮個人情報' },
  householdNote: { label: '世帯の状況', category: '世帯の情報（本人の同意により共有）' },
};
