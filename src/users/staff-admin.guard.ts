import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { managesOwnStaff } from '../access/access.rules';
import type { Actor } from '../auth/actor';
import { AppException } from '../common/app.exception';

/**
 * On routes open to admins and hosts: a host passes only as its organisation's signed-in staff administrator.
 * A guard (not the service) so that other hosts get 403 before their request body is even validated.
 * Runs after the global AuthGuard, which has set the actor.
 */
@Injectable()
export class StaffAdminGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const actor = context.switchToHttp().getRequest<{ actor?: Actor }>().actor;
    if (actor?.role === 'host' && !managesOwnStaff(actor)) throw AppException.forbidden();
    return true;
  }
}
