import type { Actor } from '../auth/actor';
import type { Role } from '../auth/api-token.entity';
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

// --- Work belongs to persons: the assigned coordinator, and who is told about a person. ---

/** A user who may be, or is, a person's coordinator (a row of users). */
export interface Assignee {
  id: string;
  role: Role;
  status: 'invited' | 'active' | 'disabled';
  /** null or empty = all areas. */
  areas: string[] | null;
}

/**
 * The assigned coordinator counts only while they can act for the person: a coordinator who is not disabled
 * and whose areas cover the person's area. Otherwise the person is treated as unassigned, so that the
 * area's coordinators are told instead of nobody.
 */
export function isEffectiveAssignee(assignee: Assignee | null | undefined, area: string): assignee is Assignee {
  return Boolean(
    assignee &&
    assignee.role === 'coordinator' &&
    assignee.status !== 'disabled' &&
    (!assignee.areas?.length || assignee.areas.includes(area)),
  );
}

/** A coordinator who registers a person becomes their coordinator; an admin's registration leaves them unassigned. */
export function defaultAssignee(actor: Actor): string | null {
  return actor.role === 'coordinator' ? (actor.userId ?? null) : null;
}

/**
 * Choosing a person's coordinator: admins may choose any coordinator who can act for the person (see
 * isEffectiveAssignee); a coordinator may only take the person on themselves.
 */
export function assertAssignable(actor: Actor, candidateId: string, candidate: Assignee | null, area: string): void {
  if (actor.role !== 'admin' && candidateId !== actor.userId) {
    throw AppException.forbidden('担当コーディネーターにほかの人を指定できるのは管理者だけです（自分を担当にすることはできます）。');
  }
  if (!candidate || candidate.role !== 'coordinator' || candidate.status === 'disabled') {
    throw AppException.validation(
      'coordinatorId',
      `コーディネーターの利用者（id: ${candidateId}）が見つかりません（無効にされた利用者は指定できません）`,
    );
  }
  const areas = candidate.areas ?? [];
  if (!isEffectiveAssignee(candidate, area)) {
    throw AppException.validation('coordinatorId', `この利用者の担当地区（${areas.join('・')}）に本人の地区（${area}）が含まれていません`);
  }
}

/** What a notification is about, as far as who may see it goes. `area` is null when it concerns no person. */
export interface NotificationSubject {
  area: string | null;
  erased: boolean;
  /** The placement's coordinator (a user), if any. */
  assignee: Assignee | null;
}

/**
 * Who sees a notification: admins, all of them. A coordinator only within the area rule (as for the person
 * themselves), and there the assigned coordinator alone — or, when the person is unassigned, every coordinator
 * of the area (tokens without an owner count as such a coordinator). The list query mirrors this in SQL
 * (notificationAudience); both are tested together.
 */
export function canSeeNotification(actor: Actor, n: NotificationSubject): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role !== 'coordinator' || n.area === null || n.erased || !inActorAreas(actor, n.area)) return false;
  if (isEffectiveAssignee(n.assignee, n.area)) return n.assignee.id === actor.userId;
  return true;
}

export type NotificationAudience = { all: true } | { all: false; userId: string | null; areas: string[] | null };

/** The filter a notification list applies for this actor (same rule as canSeeNotification). */
export function notificationAudience(actor: Actor): NotificationAudience {
  return actor.role === 'admin' ? { all: true } : { all: false, userId: actor.userId ?? null, areas: actor.areas };
}

/** Read state is kept per reader: the person, else the token, else (ADMIN_TOKEN) the nil id. */
export function notificationReader(actor: Actor): string {
  return actor.userId ?? actor.tokenId ?? '00000000-0000-0000-0000-000000000000';
}

// --- Staff accounts: admins manage all; a host's staff administrator invites colleagues. ---

/** A host reaches account management only as its organisation's staff administrator, signed in (not by token). */
export function managesOwnStaff(actor: Actor): boolean {
  return actor.role === 'host' && actor.organizationAdmin === true && actor.tokenId === null && Boolean(actor.userId);
}

/**
 * What a host's staff administrator may create: staff (host) of their own organisation, without the administrator
 * flag (an admin grants that). Admins are not limited here.
 */
export function assertStaffInvitable(actor: Actor, user: { role: Role; organizationId?: string; organizationAdmin?: boolean }): void {
  if (actor.role === 'admin') return;
  if (!managesOwnStaff(actor)) throw AppException.forbidden();
  if (user.role !== 'host' || (user.organizationId !== undefined && user.organizationId !== actor.organizationId)) {
    throw AppException.forbidden('受入先の職員管理者が招待できるのは、自団体の職員（role: host）だけです。');
  }
  if (user.organizationAdmin) throw AppException.forbidden('職員管理者の権限を与えられるのは管理者（admin）だけです。');
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

/** A 参加支援プラン needs the person's obtained consent too (domain.md, Consent); the refusal names the field. */
export function assertPlanConsent(p: { consentStatus: string }): void {
  if (p.consentStatus !== 'obtained') {
    const message =
      p.consentStatus === 'withdrawn'
        ? '本人が同意を撤回しているため、参加支援プランは記録できません。'
        : '本人の同意（本人同意）が記録されていないため、参加支援プランは記録できません。先に同意を記録してください。';
    throw new AppException(ErrorCode.ConsentRequired, message, {
      consentStatus: p.consentStatus,
      errors: [{ field: 'consentStatus', message: '同意の状態が「同意あり」の本人にだけプランを記録できます' }],
    });
  }
}
