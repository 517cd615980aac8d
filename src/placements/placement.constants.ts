/** 提案 → 見学 → 体験 → 参加・受入 → 終結. A visit or trial may be skipped; closing is always possible. */
export const PLACEMENT_STATES = ['proposed', 'visit', 'trial', 'active', 'closed'] as const;
export type PlacementState = (typeof PLACEMENT_STATES)[number];
export const PLACEMENT_STATE_LABELS: Record<PlacementState, string> = {
  proposed: '提案',
  visit: '見学',
  trial: '体験',
  active: '参加・受入',
  closed: '終結',
};

export const TRANSITIONS: Record<PlacementState, PlacementState[]> = {
  proposed: ['visit', 'trial', 'active', 'closed'],
  visit: ['trial', 'active', 'closed'],
  trial: ['active', 'closed'],
  active: ['closed'],
  closed: [],
};

/** 定着 / 本人の中断 / 受入先の辞退 / つなぎなおし / その他 */
export const OUTCOMES = ['settled', 'withdrew', 'host_declined', 'rematched', 'other'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Record<Outcome, string> = {
  settled: '定着',
  withdrew: '中断（本人）',
  host_declined: '受入先の辞退',
  rematched: 'つなぎなおし',
  other: 'その他',
};

/**
 * How far back the start of 参加・受入 may be recorded. A start is often written up a few days late (recorded on
 * Monday for last Friday), sometimes after a long leave; beyond about a follow-up period (90 days) it is far more
 * likely a typo (a wrong year or month) than a late record, and every checkpoint of the plan would be past at once.
 */
export const START_BACKDATE_MAX_DAYS = 90;
