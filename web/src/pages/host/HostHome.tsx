import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import { useSession } from '../../session/SessionContext';

/** ホーム for host staff is their openings; everyone else gets the usual home. */
export function HostHome({ fallback }: { fallback: ReactNode }) {
  const { session } = useSession();
  if (session?.user.role === 'host') return <Navigate to="/host" replace />;
  return <>{fallback}</>;
}
