import { baseUrl } from './browser';
import { BROWSER_ADMIN_TOKEN } from './service';

/**
 * Seeding through the service's own API with the admin token (as an administrator would), so browser tests
 * sign in for real: users are created and accept their invitation; people, consent and placements are recorded.
 */
export async function adminApi<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: { Authorization: `Bearer ${BROWSER_ADMIN_TOKEN}`, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

export interface SeededUser {
  id: string;
  login: string;
  password: string;
  displayName: string;
}

/** A user who has set their password through the invitation link (POST /api/v1/users, then /invitations/accept). */
export async function createUser(role: string, displayName: string, extra: Record<string, unknown> = {}): Promise<SeededUser> {
  const suffix = Math.random().toString(36).slice(2, 10);
  const login = `${role}-${suffix}@example.jp`;
  const password = `しずかな朝の散歩-${suffix}`;
  const created = await adminApi<{ id: string; invitationUrl: string }>('POST', '/api/v1/users', { login, displayName, role, ...extra });
  const token = created.invitationUrl.split('/').pop();
  const response = await fetch(`${baseUrl()}/api/v1/invitations/accept`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token, password }),
  });
  if (!response.ok) throw new Error(`invitation not accepted: ${response.status} ${await response.text()}`);
  return { id: created.id, login, password, displayName };
}

let areaCounter = 0;
/** An area of its own per test, so lists are predictable while tests share one service. */
export function uniqueArea(label: string): string {
  areaCounter += 1;
  return `${label}${process.pid}-${areaCounter}`;
}

export async function createOrganization(name: string, area: string): Promise<{ id: string }> {
  return adminApi('POST', '/api/v1/organizations', { name, kind: 'npo', area });
}

export async function createResource(organizationId: string, area: string, title: string): Promise<{ id: string }> {
  return adminApi('POST', '/api/v1/resources', {
    organizationId,
    type: 'work_experience',
    title,
    description: '季節の野菜の草取りや収穫を、スタッフと一緒に少しずつ行います。黙々とできる作業が中心です。',
    tasks: ['草取り', '収穫'],
    area,
    schedule: [{ day: 'tue', start: '09:00', end: '11:00' }],
    capacity: 5,
    vacancies: 5,
    accommodations: ['visit_ok', 'short_hours'],
    demands: { talking: 'low', physical: 'medium', literacy: 'low' },
    reward: 'unpaid',
    status: 'open',
  });
}

/** A person registered and with consent recorded (the 本人 screen is another branch's). */
export async function createConsentedPerson(area: string, displayName: string): Promise<{ id: string }> {
  const person = await adminApi<{ id: string }>('POST', '/api/v1/participants', {
    displayName,
    area,
    ageBand: '30代',
    needs: '人と話すのが苦手。静かな場所で黙々とできる作業を週1回から',
    strengths: '細かい作業が得意',
    referralRoute: 'family',
    readinessStage: 'social_life',
    constraints: { availableDays: ['tue', 'thu'] },
  });
  await adminApi('PUT', `/api/v1/participants/${person.id}/consent`, {
    status: 'obtained',
    method: '面談で書面により確認',
    scope: ['displayName', 'ageBand', 'strengths'],
  });
  return person;
}

export async function propose(participantId: string, resourceId: string): Promise<{ id: string }> {
  return adminApi('POST', '/api/v1/placements', { participantId, resourceId });
}
