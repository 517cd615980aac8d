/** How the person took part since the last check-in: 参加 / 遅刻 / 連絡ありの欠席 / 無断欠席. */
export const ATTENDANCE = ['attended', 'late', 'absent_notified', 'absent'] as const;
/** none / watch 見守り / urgent 至急 (notifies the coordinator at once). */
export const CONCERNS = ['none', 'watch', 'urgent'] as const;
/**
 * A checkpoint's window (記録できる期間) opens this many days before its due day and stays open until it is recorded
 * (after its overdue instant it is late, not closed). Half the two weeks between the first checkpoints: a note from the
 * first days does not use up 14日目, and a meeting held a few days early still counts for its checkpoint.
 */
export const CHECKPOINT_OPENS_DAYS_BEFORE = 7;
