import { createHash } from 'node:crypto';
import { normalizeJapanese } from '../common/japanese/normalize';
import type { Participant } from './participant.repository';

/** What gets embedded for a person: their needs in their own words, and their strengths (normalised). */
export function participantQueryText(p: Pick<Participant, 'needs' | 'strengths'>): string {
  return [p.needs, p.strengths]
    .filter(Boolean)
    .map((t) => normalizeJapanese(t!))
    .join('\n');
}

export function needsHash(p: Pick<Participant, 'needs' | 'strengths'>): string {
  return createHash('sha256').update(participantQueryText(p)).digest('hex');
}

export const COORDINATOR_FIELDS = [
  'displayName',
  'realName',
  'ageBand',
  'area',
  'householdNote',
  'referralRoute',
  'readinessStage',
  'needs',
  'strengths',
  'considerationsForHost',
  'healthNote',
  'disabilityNote',
  'criminalRecordNote',
  'constraints',
  'consent',
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
    coordinator: p.coordinatorId ? { id: p.coordinatorId, displayName: p.coordinatorName ?? '' } : null,
    consent: { status: p.consentStatus, date: p.consentDate, method: p.consentMethod, scope: p.consentScope },
    embedding: { status: p.embeddingStatus, model: p.embeddingModel },
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}
