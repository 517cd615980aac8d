import type { ReactNode } from 'react';
import { useSession } from '../../session/SessionContext';
import type { UserRole } from '../../session/session-api';
import { NotFoundPage } from '../NotFoundPage';

/** Screens of one role: anyone else meets 見つかりません (the service refuses their calls anyway). */
export function RequireRole({ roles, children }: { roles: UserRole[]; children: ReactNode }) {
  const { session } = useSession();
  if (!session || !roles.includes(session.user.role)) return <NotFoundPage />;
  return <>{children}</>;
}
