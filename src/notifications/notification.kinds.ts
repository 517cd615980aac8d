/** Every kind of notification the service writes; the API's enum and the webhook's texts follow this list. */
export const NOTIFICATION_KINDS = [
  'checkpoint_due',
  'checkpoint_overdue',
  'decision_needed',
  'urgent_concern',
  'host_dates',
  'host_feedback',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
