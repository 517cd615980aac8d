/** Account events: about a user (subjectUserId), not a participant. */
export type AccountAuditAction =
  | 'sign_in'
  | 'sign_in_failed'
  | 'sign_in_locked'
  | 'sign_out'
  | 'password_changed'
  | 'user_created'
  | 'user_updated'
  | 'user_disabled'
  | 'invitation_issued'
  | 'invitation_accepted'
  | 'reset_issued';

export interface AccountAuditEntry {
  action: AccountAuditAction;
  /** Who acted (null: nobody signed in, e.g. a failed sign-in). */
  userId: string | null;
  tokenId: string | null;
  role: string;
  /** The account concerned (null when the login is unknown: we do not record what was typed). */
  subjectUserId: string | null;
  route: string;
  address: string | null;
}

/**
 * Where authentication records account events. Bound to AuditService in the app module, so that
 * auth/ does not import audit/ (which imports auth/ for the actor): no folder cycle.
 */
export abstract class AccountAuditLog {
  abstract recordAccount(entry: AccountAuditEntry): Promise<void>;
}
