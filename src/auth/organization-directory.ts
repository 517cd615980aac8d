/**
 * What authentication needs to know about organisations (a host token is bound to an existing one).
 * Bound to OrganizationRepository in the app module, so that auth/ does not import organizations/
 * (which imports auth/ for the actor): no folder cycle.
 */
export abstract class OrganizationDirectory {
  abstract exists(id: string): Promise<boolean>;
}
