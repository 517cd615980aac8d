import { addDays, startOfTokyoDay } from '../common/tokyo-time';

export interface CheckpointDraft {
  dayOffset: number;
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

/**
 * A fixed-length follow-up plan in Tokyo calendar days. A checkpoint is due at the
 * start of its day (day 0 = at once) and overdue `graceSeconds` later without a check-in.
 * The last checkpoint is where the coordinator decides: close as settled, extend, or re-match.
 */
export function draftPlan(
  startsOn: string,
  lengthDays: number,
  checkpointDays: number[],
  graceSeconds: number,
  now: Date = new Date(),
): PlanDraft {
  const days = [...new Set(checkpointDays)].sort((a, b) => a - b);
  const last = days[days.length - 1];
  return {
    startsOn,
    endsOn: addDays(startsOn, lengthDays),
    lengthDays,
    checkpointDays: days,
    checkpoints: days.map((dayOffset) => {
      const dueOn = addDays(startsOn, dayOffset);
      const dueAt = dayOffset === 0 ? now : startOfTokyoDay(dueOn);
      return { dayOffset, dueOn, dueAt, overdueAt: new Date(dueAt.getTime() + graceSeconds * 1000), isFinal: dayOffset === last };
    }),
  };
}
