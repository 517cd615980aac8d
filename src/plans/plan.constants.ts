/** 参加支援プランの種類: 初回の策定 (initial) or 見直し (revision). Counted apart in the reports (docs/reports.md). */
export const PLAN_KINDS = ['initial', 'revision'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];
export const PLAN_KIND_LABELS: Record<PlanKind, string> = {
  initial: '初回',
  revision: '見直し',
};

/** A plan is recorded on the day it was made, or late by at most this many days (an older date is most likely a typo). */
export const PLAN_BACKDATE_MAX_DAYS = 90;

/** The note is a short, non-identifying memo (no needs, health or household text): the column's CHECK says the same. */
export const PLAN_NOTE_MAX_LENGTH = 200;
