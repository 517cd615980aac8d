/**
 * Fields a participant may allow a host to see (本人同意の範囲). The last four are
 * 要配慮個人情報 or household details: shown only when the person allowed that field.
 */
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

/**
 * Fields a host sees only under an explicit, per-item consent, and then labelled as such:
 * 要配慮個人情報 (Act on the Protection of Personal Information art. 2(3)) and the household.
 */
export const SENSITIVE_FIELDS = [
  'healthNote',
  'disabilityNote',
  'criminalRecordNote',
  'householdNote',
] as const satisfies readonly HostVisibleField[];
export type SensitiveField = (typeof SENSITIVE_FIELDS)[number];
export const SENSITIVE_FIELD_LABELS: Record<SensitiveField, { label: string; category: string }> = {
  healthNote: { label: '健康状態', category: '要配慮個人情報' },
  disabilityNote: { label: '障害', category: '要配慮個人情報' },
  criminalRecordNote: { label: '犯罪歴等', category: '要配慮個人情報' },
  householdNote: { label: '世帯の状況', category: '世帯の情報（本人の同意により共有）' },
};

export interface SensitiveItem {
  field: SensitiveField;
  label: string;
  /** '要配慮個人情報' or the household: the host must handle it as the person's explicit consent allows. */
  category: string;
  value: string | null;
}
export type HostParticipantView = Partial<Record<Exclude<HostVisibleField, SensitiveField>, string | null>> & {
  sensitive?: SensitiveItem[];
};

/** What the projection reads of a participant (structural, so access needs no feature import). */
export type ConsentScopedRecord = { consentStatus: string; consentScope: string[]; erasedAt: Date | null } & {
  [F in HostVisibleField]?: string | null;
};

/** The participant fields a host view holds (for the audit log: every such read is recorded by field). */
export function hostViewFields(view: HostParticipantView): HostVisibleField[] {
  return [...Object.keys(view).filter((k) => k !== 'sensitive'), ...(view.sensitive ?? []).map((s) => s.field)] as HostVisibleField[];
}

/**
 * The only projection of a participant a host ever receives. Without obtained
 * consent the person is invisible (null); with it, exactly the fields in the scope
 * the person chose — never needs, constraints, other placements or contact data. Health,
 * disability, criminal record and household come only in `sensitive`, each labelled.
 */
export function toHostView(p: ConsentScopedRecord): HostParticipantView | null {
  if (p.consentStatus !== 'obtained' || p.erasedAt) return null;
  const view: HostParticipantView = {};
  const sensitive: SensitiveItem[] = [];
  for (const field of HOST_VISIBLE_FIELDS) {
    if (!p.consentScope.includes(field)) continue;
    if ((SENSITIVE_FIELDS as readonly string[]).includes(field)) {
      const f = field as SensitiveField;
      sensitive.push({ field: f, ...SENSITIVE_FIELD_LABELS[f], value: p[f] ?? null });
    } else {
      view[field as Exclude<HostVisibleField, SensitiveField>] = p[field] ?? null;
    }
  }
  // Only present when the person allowed at least one: its presence alone is a warning to the host.
  if (sensitive.length) view.sensitive = sensitive;
  return view;
}
