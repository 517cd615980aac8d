import { request, setCsrfToken } from '../api/client';
import { NotFoundError, UnauthorizedError } from '../api/errors';

/*
 * Local types for the session routes of the auth contract (POST/GET/DELETE /api/v1/session).
 * They are not in schema.d.ts yet: the routes declare no response schema so far. Replace these with
 * the generated types (components['schemas'][…]) once the session routes have response DTOs.
 */
export type UserRole = 'admin' | 'coordinator' | 'host' | 'viewer';

export interface SessionUser {
  id: string;
  displayName: string;
  role: UserRole;
  organizationId: string | null;
  areas: string[];
}

export interface SessionInfo {
  user: SessionUser;
  csrfToken: string;
  /** ISO date-time: the session ends then unless the person does something. */
  idleExpiresAt: string;
  absoluteExpiresAt: string;
}

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
  return remember(await request<SessionInfo>('POST', '/api/v1/session', { body: { login, password } }));
}

/**
 * The current session, or null when not signed in. `background` polls without extending the idle
 * timer; without it the call counts as activity and extends it (the 「続ける」 button).
 */
export async function fetchSession(options: { background?: boolean } = {}): Promise<SessionInfo | null> {
  try {
    return remember(await request<SessionInfo>('GET', '/api/v1/session', options));
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
    await request<void>('DELETE', '/api/v1/session');
  } finally {
    setCsrfToken(null);
  }
}
