import { useQuery } from '@tanstack/react-query';
import { api, BACKGROUND_HEADERS, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type Notification = components['schemas']['NotificationDto'];

export const KIND_LABELS: Record<string, string> = {
  urgent_concern: '至急',
  decision_needed: '最後の確認日',
  checkpoint_overdue: '記録の期限超過',
  checkpoint_due: 'フォローの時期',
  host_dates: '受入先が日付を決定',
  host_feedback: '受入先の記録',
};

export const isUrgent = (n: Notification) => n.kind === 'urgent_concern';

/** Urgent ones first, then unread, then newest. */
export function byUrgency(a: Notification, b: Notification): number {
  return (
    Number(isUrgent(b) && !b.readAt) - Number(isUrgent(a) && !a.readAt) ||
    Number(!b.readAt) - Number(!a.readAt) ||
    b.createdAt.localeCompare(a.createdAt)
  );
}

/** Unread notifications; polled in the background (X-Background: 1), so it never keeps the session alive. */
export function useUnreadNotifications(options: { poll?: boolean } = {}) {
  return useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: () => unwrap(api.GET('/api/v1/notifications', { params: { query: { unread: true } }, headers: BACKGROUND_HEADERS })),
    refetchInterval: options.poll ? 60_000 : false,
    select: (items) => [...items].sort(byUrgency),
  });
}
