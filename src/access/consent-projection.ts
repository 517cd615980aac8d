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

export type HostParticipantView = Partial<Record<HostVisibleField, string | null>>;

/** What the projection reads of a participant (structural, so access needs no feature import). */
export type ConsentScopedRecord = { consentStatus: string; consentScope: string[]; erasedAt: Date | null } & {
  [F in HostVisibleField]?: string | null;
};

/**
 * The only projection of a participant a host ever receives. Without obtained
 * consent the person is invisible (null); with it, exactly the fields in the scope
 * the person chose — never needs, constraints, other placements or contact data.
 */
export function toHostView(p: ConsentScopedRecord): HostParticipantView | null {
  if (p.consentStatus !== 'obtained' || p.erasedAt) return null;
  const view: HostParticipantView = {};
  for (const field of HOST_VISIBLE_FIELDS) {
    if (p.consentScope.includes(field)) view[field] = p[field] ?? null;
  }
  return view;
}
