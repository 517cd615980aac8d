import { createHash } from 'node:crypto';
import { HOST_VISIBLE_FIELDS, SENSITIVE_FIELDS, SENSITIVE_FIELD_LABELS, type HostVisibleField, type SensitiveField } from './participant.constants';
import type { Participant } from './participant.repository';

/** What gets embedded for a person: their needs in their own words, and their strengths. */
export function participantQueryText(p: Pick<Participant, 'needs' | 'strengths'>): string {
  return [p.needs, p.strengths].filter(Boolean).join('\n');
}

export function needsHash(p: Pick<Participant, 'needs' | 'strengths'>): string {
  return createHash('sha256').update(participantQueryText(p)).digest('hex');
}

export const COORDINATOR_FIELDS = [
  'displayName', 'realName', 'ageBand', 'area', 'householdNote', 'referralRoute', 'readinessStage', 'needs', 'strengths',
  'considerationsForHost', 'healthNote', 'disabilityNote', 'criminalRecordNote', 'constraints', 'consent',
] as const;

/** Coordinators see the whole record (except search internals). */
export function toCoordinatorView(p: Participant) {
  return {
    id: p.id,
    displayName: p.displayName,
    realName: p.realName,
    ageBand: p.ageBand,
    area: p.area,
    householdNote: p.householdNote,
    referralRoute: p.referralRoute,
    readinessStage: p.readinessStage,
    needs: p.needs,
    strengths: p.strengths,
    considerationsForHost: p.considerationsForHost,
    healthNote: p.healthNote,
    disabilityNote: p.disabilityNote,
    criminalRecordNote: p.criminalRecordNote,
    constraints: p.constraints,
    coordinatorId: p.coordinatorId,
    consent: { status: p.consentStatus, date: p.consentDate, method: p.consentMethod, scope: p.consentScope },
    embedding: { status: p.embeddingStatus, model: p.embeddingModel },
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

export interface SensitiveItem {
  field: SensitiveField;
  label: string;
  /** '要配慮個人情報' or the household: the host must handle it as the person's explicit consent allows. */
  category: string;
  value: string | null;
}
export type HostParticipantView = Partial<Record<Exclude<HostVisibleField, SensitiveField>, string | null>> & { sensitive?: SensitiveItem[] };

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
export function toHostView(p: Participant): HostParticipantView | null {
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
