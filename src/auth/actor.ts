import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from './api-token.entity';

/** Who is calling: resolved from the bearer token by AuthGuard. */
export interface Actor {
  tokenId: string | null;
  role: Role;
  organizationId: string | null;
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

export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  return context.switchToHttp().getRequest().actor;
});
