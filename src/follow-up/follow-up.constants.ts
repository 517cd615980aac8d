/** How the person took part since the last check-in: 参加 / 遅刻 / 連絡ありの欠席 / 無断欠席. */
export const ATTENDANCE = ['attended', 'late', 'absent_notified', 'absent'] as const;
/** none / watch 見守り / urgent 至急 (notifies the coordinator at once). */
export const CONCERNS = ['none', 'watch', 'urgent'] as const;
