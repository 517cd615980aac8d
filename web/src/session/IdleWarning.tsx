import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/errors';
import { useSession } from './SessionContext';
import { fetchSession } from './session-api';

/** Warn this long before the idle expiry. */
export const WARN_BEFORE_MS = 2 * 60 * 1000;
/** Background check of the session (another tab may have extended it, or an admin ended it). */
const POLL_MS = 60 * 1000;

function formatRemaining(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m > 0 ? `${m}分${s}秒` : `${s}秒`;
}

/**
 * Warns before the session's idle expiry and offers 「続ける」, which counts as activity and extends it.
 * Unsaved input is kept as a draft only while the session lasts: when it ends the drafts are removed (a shared
 * PC's next user must not find them), so the warning says so.
 */
export function IdleWarning() {
  const { session, setSession, expire } = useSession();
  const [now, setNow] = useState(() => Date.now());
  const [extending, setExtending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const expiresAt = session ? Date.parse(session.idleExpiresAt) : NaN;
  const remaining = expiresAt - now;
  const warn = Number.isFinite(remaining) && remaining <= WARN_BEFORE_MS;

  // Poll in the background; the X-Background header keeps polling from extending the session.
  useEffect(() => {
    if (!session) return;
    const timer = window.setInterval(() => {
      fetchSession({ background: true })
        .then((current) => (current ? setSession(current) : expire()))
        .catch(() => undefined); // a network blip: the next poll tries again
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [session, setSession, expire]);

  // A clock tick: every second while warning, otherwise just often enough to notice the window start.
  useEffect(() => {
    if (!session) return;
    const timer = window.setInterval(() => setNow(Date.now()), warn ? 1000 : 15_000);
    return () => window.clearInterval(timer);
  }, [session, warn]);

  useEffect(() => {
    if (session && remaining <= 0) {
      // Ask the service rather than trust this clock: it may have been extended elsewhere.
      fetchSession({ background: true })
        .then((current) => (current && Date.parse(current.idleExpiresAt) > Date.now() ? setSession(current) : expire()))
        .catch(() => expire());
    }
  }, [session, remaining <= 0, setSession, expire]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (warn && !dialog.open) dialog.showModal();
    if (!warn && dialog.open) dialog.close();
  }, [warn]);

  async function extend() {
    setExtending(true);
    setFailure(null);
    try {
      const current = await fetchSession();
      if (current) {
        setSession(current);
        setNow(Date.now());
      } else {
        expire();
      }
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setExtending(false);
    }
  }

  if (!session) return null;
  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      role="alertdialog"
      aria-labelledby="idle-title"
      aria-describedby="idle-text"
      onCancel={(event) => {
        event.preventDefault(); // Esc does not dismiss the warning silently: the session would still end
        void extend();
      }}
    >
      <h2 id="idle-title" className="dialog__title">
        まもなく自動的にログアウトします
      </h2>
      <p id="idle-text">
        {/* One line: JSX would put a space between the sentences. */}
        操作がないため、あと<strong>{formatRemaining(remaining)}</strong>
        でログアウトします。続けるときは「続ける」を押してください。ログアウトすると、保存していない入力内容は消えます。
      </p>
      {failure && (
        <p className="notice notice--error" role="alert">
          {failure}
        </p>
      )}
      <div className="dialog__actions">
        <button type="button" className="button button--primary" onClick={() => void extend()} disabled={extending} autoFocus>
          続ける
        </button>
      </div>
    </dialog>
  );
}
