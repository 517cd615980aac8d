import type { components } from '../../api/schema';
import * as service from '../../api/vocabulary';

export type PlacementDetail = components['schemas']['PlacementDetailDto'];
export type PlacementSummary = components['schemas']['PlacementSummaryDto'];
export type PlacementState = PlacementSummary['state'];
export type Outcome = NonNullable<PlacementSummary['outcome']>;
export type Checkpoint = components['schemas']['FollowUpCheckpointDto'];

/** 提案 → 見学 → 体験 → 参加・受入 → 終結, in the order of the board. */
export const STATES: readonly PlacementState[] = ['proposed', 'visit', 'trial', 'active', 'closed'];
export const STATE_LABELS: Record<PlacementState, string> = service.PLACEMENT_STATE_LABELS;
/** The service's rule (placement.constants TRANSITIONS): a visit or trial may be skipped; closing is always possible. */
export const NEXT_STATES: Record<PlacementState, PlacementState[]> = {
  proposed: ['visit', 'trial', 'active', 'closed'],
  visit: ['trial', 'active', 'closed'],
  trial: ['active', 'closed'],
  active: ['closed'],
  closed: [],
};
export const OUTCOME_LABELS: Record<Outcome, string> = service.OUTCOME_LABELS;

/** Checkpoint states in words, each with its own mark (never colour alone). */
export const CHECKPOINT_STATUS: Record<string, { label: string; icon: string }> = {
  scheduled: { label: '予定', icon: '○' },
  due: { label: '期日', icon: '●' },
  overdue: { label: '期限超過', icon: '⚠' },
  done: { label: '記録済み', icon: '✓' },
  cancelled: { label: '取消', icon: '－' },
};

export const ATTENDANCE_CHOICES = [
  { value: 'attended', label: '参加' },
  { value: 'late', label: '遅刻' },
  { value: 'absent_notified', label: '連絡ありの欠席' },
  { value: 'absent', label: '無断欠席' },
] as const;
export const WELLBEING_CHOICES = [
  { value: '1', label: '1 とても悪い' },
  { value: '2', label: '2 悪い' },
  { value: '3', label: '3 ふつう' },
  { value: '4', label: '4 良い' },
  { value: '5', label: '5 とても良い' },
] as const;
export const CONCERN_CHOICES = [
  { value: 'none', label: 'なし' },
  { value: 'watch', label: '見守り' },
  { value: 'urgent', label: '至急（担当者にすぐ通知）' },
] as const;

export const labelOf = (choices: readonly { value: string; label: string }[], value: string) =>
  choices.find((c) => c.value === value)?.label ?? value;

/** The search for the same person (マッチング検索 at /search); the placement proposed there links back to this one. */
export function rematchUrl(placement: { id: string; participant?: { id: string } | null }): string {
  const params = new URLSearchParams({ participantId: placement.participant?.id ?? '', rematchedFrom: placement.id });
  return `/search?${params.toString()}`;
}
