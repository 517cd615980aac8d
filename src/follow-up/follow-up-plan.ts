import type { BusinessCalendar } from '../calendar/business-calendar';
import { addDays, startOfTokyoDay } from '../common/tokyo-time';
import type { DueDateRule } from '../config/app-config';

export interface CheckpointDraft {
  dayOffset: number;
  /** The plan's day (start + dayOffset). */
  nominalOn: string;
  /** The business day it is due on (the nominal day moved off a closed day). */
  dueOn: string;
  dueAt: Date;
  overdueAt: Date;
  isFinal: boolean;
}

export interface PlanDraft {
  startsOn: string;
  endsOn: string;
  lengthDays: number;
  checkpointDays: number[];
  checkpoints: CheckpointDraft[];
}

export interface DraftOptions {
  calendar: BusinessCalendar;
  /** Where a checkpoint on a closed day moves (default: the calendar's configured rule). */
  rule?: DueDateRule;
  /** Overdue after this many business days without a check-in… */
  graceBusinessDays: number;
  /** …or after this fixed duration, when set. */
  graceSeconds?: number;
  /** The instant day 0 is due at, when it stays on the activation day. */
  now: Date;
}

/**
 * A fixed-length follow-up plan in Tokyo calendar days. A checkpoint is due at the start of its
 * business day (day 0 on the activation day = at once) and overdue after the grace period without a
 * check-in. The last checkpoint is where the coordinator decides: close as settled, extend, or re-match.
 */
export function draftPlan(startsOn: string, lengthDays: number, checkpointDays: number[], options: DraftOptions): PlanDraft {
  const days = [...new Set(checkpointDays)].sort((a, b) => a - b);
  const last = days[days.length - 1];
  return {
    startsOn,
    endsOn: addDays(startsOn, lengthDays),
    lengthDays,
    checkpointDays: days,
    checkpoints: days.map((dayOffset) => ({ ...timing(startsOn, dayOffset, options), dayOffset, isFinal: dayOffset === last })),
  };
}

/** When one checkpoint of a plan starting on `startsOn` is due and overdue. */
export function timing(startsOn: string, dayOffset: number, options: DraftOptions) {
  const nominalOn = addDays(startsOn, dayOffset);
  const dueOn = options.calendar.dueOn(nominalOn, startsOn, options.rule);
  const dueAt = dueOn === startsOn && dayOffset === 0 ? options.now : startOfTokyoDay(dueOn);
  const overdueAt =
    options.graceSeconds !== undefined
      ? new Date(dueAt.getTime() + options.graceSeconds * 1000)
      : startOfTokyoDay(options.calendar.addBusinessDays(dueOn, options.graceBusinessDays));
  return { nominalOn, dueOn, dueAt, overdueAt };
}
