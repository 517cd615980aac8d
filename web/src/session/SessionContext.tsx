import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { onUnauthorized } from '../api/client';
import { setDraftOwner } from '../lib/drafts';
import { fetchSession, signOut as apiSignOut, type SessionInfo } from './session-api';

type Status = 'loading' | 'signed-in' | 'signed-out';
/** Why the person is signed out: shown on the login page. */
export type SignOutReason = 'expired' | 'signed-out' | null;

interface SessionState {
  status: Status;
  session: SessionInfo | null;
  reason: SignOutReason;
  /** Failure of the first session check (the service could not be reached). */
  loadError: unknown;
  setSession: (session: SessionInfo) => void;
  /**
   * The session ended on the server (idle expiry, 401): forget it in the UI and remove the drafts — the next
   * person at a shared PC must not find a half-typed person record.
   */
  expire: () => void;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [session, setSessionState] = useState<SessionInfo | null>(null);
  const [status, setStatus] = useState<Status>('loading');
  const [reason, setReason] = useState<SignOutReason>(null);
  const [loadError, setLoadError] = useState<unknown>(null);

  useEffect(() => {
    let cancelled = false;
    // After a reload the cookie may still be valid: ask the service (this also brings back the CSRF token).
    fetchSession({ background: true })
      .then((current) => {
        if (cancelled) return;
        setDraftOwner(current?.user.id ?? null); // before the pages mount and restore their drafts
        setSessionState(current);
        setStatus(current ? 'signed-in' : 'signed-out');
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        setLoadError(error);
        setStatus('signed-out');
      });
    return () => {
      cancelled = true;
    };
  }, []);

  const setSession = useCallback((next: SessionInfo) => {
    setDraftOwner(next.user.id);
    setSessionState(next);
    setStatus('signed-in');
    setReason(null);
    setLoadError(null);
  }, []);

  const expire = useCallback(() => {
    setDraftOwner(null);
    setSessionState((current) => {
      if (current) setReason('expired');
      return null;
    });
    setStatus('signed-out');
    queryClient.clear();
  }, [queryClient]);

  useEffect(() => onUnauthorized(expire), [expire]);

  const signOut = useCallback(async () => {
    try {
      await apiSignOut();
    } finally {
      setDraftOwner(null);
      setSessionState(null);
      setStatus('signed-out');
      setReason('signed-out');
      queryClient.clear();
    }
  }, [queryClient]);

  const value = useMemo(
    () => ({ status, session, reason, loadError, setSession, expire, signOut }),
    [status, session, reason, loadError, setSession, expire, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
