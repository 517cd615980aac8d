import type { Actor } from '../auth/actor';
import { AppException, ErrorCode } from '../common/app.exception';

/*
 * The access rules, in one place: every service asks here instead of comparing roles, areas or
 * organisations itself. Role checks per route stay declarative (@Roles on the controller, enforced by
 * AuthGuard); these are the rules that depend on the record being touched. Something out of reach
 * looks absent (404 or a validation error naming the id), never "forbidden", so ids leak nothing.
 */

/** Hosts act for one organisation only. */
export function isHost(actor: Actor): boolean {
  return actor.role === 'host';
}

// --- Area scoping: coordinators may be limited to some areas (actor.areas); null = all areas. ---

export function inActorAreas(actor: Actor, area: string): boolean {
  return !actor.areas || actor.areas.includes(area);
}

/** The area filter a list query applies for this actor (undefined = no limit). */
export function areaFilter(actor: Actor): string[] | undefined {
  return actor.areas ?? undefined;
}

/** Registering or moving a person into an area outside the actor's own is refused outright. */
export function assertAreaWritable(actor: Actor, area: string): void {
  if (!inActorAreas(actor, area)) throw AppException.forbidden(`担当地区（${actor.areas!.join('・')}）以外の本人は登録・変更できません。`);
}

/**
 * The participant rule: missing, erased or outside the actor's areas all look the same — absent.
 * Every participant-bearing route goes through this predicate (or areaFilter for lists).
 */
export function canSeeParticipant<P extends { area: string; erasedAt: Date | null }>(
  actor: Actor,
  participant: P | null | undefined,
): participant is P {
  return Boolean(participant && !participant.erasedAt && inActorAreas(actor, participant.area));
}

// --- Host-organisation scoping. ---

/** The organisation filter a list query applies for this actor (undefined = every organisation). */
export function hostOrganizationFilter(actor: Actor): string | undefined {
  return isHost(actor) ? actor.organizationId! : undefined;
}

/** Hosts reach only their own organisation (and its resources); other roles reach all. */
export function canSeeOrganization(actor: Actor, organizationId: string): boolean {
  return !isHost(actor) || actor.organizationId === organizationId;
}

/** Hosts may create or move things only into their own organisation. */
export function assertOwnOrganization(actor: Actor, organizationId: string | undefined, message: string): void {
  if (isHost(actor) && organizationId !== undefined && organizationId !== actor.organizationId) throw AppException.forbidden(message);
}

/**
 * A placement is visible to a host only at its own organisation's resources, and to an area-limited
 * coordinator only when the person lives in one of their areas. `participantArea` is looked up by
 * the caller only when `needsParticipantArea(actor)`.
 */
export function canSeePlacement(actor: Actor, placement: { organizationId: string }, participant?: { area: string } | null): boolean {
  if (!canSeeOrganization(actor, placement.organizationId)) return false;
  if (!actor.areas) return true;
  return Boolean(participant && inActorAreas(actor, participant.area));
}

export function needsParticipantArea(actor: Actor): boolean {
  return actor.areas !== null;
}

// --- Notifications: addressed to a coordinator; admins see all. ---

/** undefined = every notification (admins); otherwise the actor's own and unaddressed ones. */
export function notificationRecipient(actor: Actor): string | null | undefined {
  return actor.role === 'admin' ? undefined : actor.tokenId;
}

// --- Consent (本人同意). ---

/** A referral, and starting a placement, need the person's obtained consent. */
export function assertReferralConsent(p: { consentStatus: string }): void {
  if (p.consentStatus !== 'obtained') {
    throw new AppException(
      ErrorCode.ConsentRequired,
      p.consentStatus === 'withdrawn'
        ? '本人が同意を撤回しているため、紹介できません。'
        : '本人の同意（本人同意）が記録されていないため、受入先への紹介はできません。先に同意を記録してください。',
      { consentStatus: p.consentStatus },
    );
  }
}
