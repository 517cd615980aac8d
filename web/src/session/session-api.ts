import { api, BACKGROUND_HEADERS, setCsrfToken, unwrap } from '../api/client';
import { NotFoundError, UnauthorizedError } from '../api/errors';
import type { components } from '../api/schema';

/** The session routes of the auth contract (POST/GET/DELETE /api/v1/session), typed by the generated client. */
export type SessionInfo = components['schemas']['SessionDto'];
export type SessionUser = components['schemas']['SessionUserDto'];
export type UserRole = SessionUser['role'];

export const ROLE_LABELS: Record<UserRole, string> = {
  admin: '管理者',
  coordinator: 'コーディネーター',
  host: '受入先',
  viewer: '閲覧者',
};

function remember(session: SessionInfo): SessionInfo {
  setCsrfToken(session.csrfToken);
  return session;
}

export async function signIn(login: string, password: string): Promise<SessionInfo> {
  return remember(await unwrap(api.POST('/api/v1/session', { body: { login, password } })));
}

/**
 * The current session, or null when not signed in. `background` polls without extending the idle
 * timer; without it the call counts as activity and extends it (the 「続ける」 button).
 */
export async function fetchSession(options: { background?: boolean } = {}): Promise<SessionInfo | null> {
  try {
    const headers = options.background ? BACKGROUND_HEADERS : undefined;
    return remember(await unwrap(api.GET('/api/v1/session', { headers })));
  } catch (error) {
    if (error instanceof UnauthorizedError || error instanceof NotFoundError) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export async function signOut(): Promise<void> {
  try {
    await unwrap(api.DELETE('/api/v1/session'));
  } finally {
    setCsrfToken(null);
  }
}
