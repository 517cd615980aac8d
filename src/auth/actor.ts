import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from './api-token.entity';

/** Who is calling: resolved by AuthGuard from the bearer token or the session cookie. */
export interface Actor {
  /** The API token used (null for ADMIN_TOKEN and for browser sessions). */
  tokenId: string | null;
  /**
   * The person: the session's user, or the token's owner (null for ADMIN_TOKEN and tokens without an owner).
   * Always set by AuthGuard; optional only so that actors built by jobs and tests without a person compile.
   */
  userId?: string | null;
  /** The person's name (or the token's name when it has no owner), for display next to what they did. */
  displayName?: string;
  /** Set for browser sessions only (internal id of user_sessions, never the secret). */
  sessionId?: string;
  role: Role;
  organizationId: string | null;
  /**
   * A host's staff administrator, signed in (not through a token: creating accounts is a person's act): may
   * invite colleagues of their own organisation.
   */
  organizationAdmin?: boolean;
  /** Coordinators may be limited to some areas; null = all areas. */
  areas: string[] | null;
  /** "GET /api/v1/participants/:id": recorded in the audit log. */
  route: string;
}

export const ROLES_KEY = 'sanka:roles';
export const PUBLIC_KEY = 'sanka:public';

/** Roles allowed on a route. Routes without @Roles or @Public are refused (deny by default). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
export const Public = () => SetMetadata(PUBLIC_KEY, true);
export const PUBLIC_WHEN_KEY = 'sanka:public-when';
/** Public only when a boolean setting of AppConfig is on (e.g. HSDS_PUBLIC for open data); otherwise @Roles apply. */
export const PublicWhen = (setting: 'hsdsPublic') => SetMetadata(PUBLIC_WHEN_KEY, setting);

export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  return context.switchToHttp().getRequest().actor;
});
