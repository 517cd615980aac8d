import { Link } from 'react-router';
import { useSession } from '../../session/SessionContext';
import { isUrgent, useUnreadNotifications } from './notifications';

/** The header's count of unread notifications (urgent ones named), polled in the background. */
export function NotificationBadge() {
  const { session } = useSession();
  const allowed = session?.user.role === 'admin' || session?.user.role === 'coordinator';
  if (!allowed) return null;
  return <Badge />;
}

function Badge() {
  const { data } = useUnreadNotifications({ poll: true });
  const unread = data?.length ?? 0;
  const urgent = data?.filter(isUrgent).length ?? 0;
  return (
    <Link to="/notifications" className={`badge${urgent ? ' badge--urgent' : ''}`} data-testid="notification-badge">
      {urgent > 0 && <span aria-hidden="true">⚠ </span>}
      未読の通知 {unread}件{urgent > 0 && `（至急 ${urgent}件）`}
    </Link>
  );
}
