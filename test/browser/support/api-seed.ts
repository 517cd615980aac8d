import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { IMAGES_DIR, baseUrl } from './browser';

/*
 * Records the browser tests need, made through the service's own API with the admin token the test
 * service starts with (service.ts). People sign in for real: users are invited and accept their link.
 */
const ADMIN = { Authorization: 'Bearer browser-admin-token-0123456789' };

export async function apiCall<T = Record<string, unknown>>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = ADMIN,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

async function ok<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await apiCall<T>(method, path, body);
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const unique = () => Math.random().toString(36).slice(2, 9);

export async function createOrganization(name: string): Promise<{ id: string }> {
  return ok('POST', '/api/v1/organizations', { name: `${name}-${unique()}`, kind: 'npo', area: '中央', developmentStatus: 'accepting' });
}

export async function createOpening(
  organizationId: string,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; title: string }> {
  return ok('POST', '/api/v1/resources', {
    organizationId,
    type: 'ibasho',
    title: `みどりカフェの手伝い ${unique()}`,
    description: '地域のカフェで、食器洗いや片付けを少しずつ手伝います。静かな時間帯から始められます。',
    tasks: ['食器洗い', '片付け'],
    area: '中央',
    schedule: [{ day: 'wed', start: '10:00', end: '12:00' }],
    frequencyNote: '月2回',
    capacity: 3,
    vacancies: 1,
    accommodations: ['visit_ok', 'quiet'],
    demands: { talking: 'low', physical: 'low', literacy: 'low' },
    reward: 'unpaid',
    ...overrides,
  });
}

/** A person with consent to show exactly `scope` to hosts; every other field holds text a test can look for. */
export async function createPerson(fields: Record<string, string>, scope: string[]): Promise<{ id: string }> {
  const person = await ok<{ id: string }>('POST', '/api/v1/participants', {
    area: '中央',
    referralRoute: 'family',
    readinessStage: 'social_life',
    constraints: { availableDays: ['wed'] },
    ...fields,
  });
  await ok('PUT', `/api/v1/participants/${person.id}/consent`, { status: 'obtained', method: '面談で書面により確認', scope });
  return person;
}

export async function propose(participantId: string, resourceId: string): Promise<{ id: string }> {
  return ok('POST', '/api/v1/placements', { participantId, resourceId });
}

export async function transition(placementId: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  return ok('POST', `/api/v1/placements/${placementId}/transitions`, body);
}

export async function getPlacement<T = Record<string, unknown>>(placementId: string): Promise<T> {
  return ok('GET', `/api/v1/placements/${placementId}`);
}

export async function checkin(placementId: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  return ok('POST', `/api/v1/placements/${placementId}/checkins`, body);
}

/** A user invited by the admin who has set a password through the link: ready to sign in. */
export async function createUser(
  role: 'admin' | 'coordinator' | 'host' | 'viewer',
  displayName: string,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; login: string; password: string }> {
  const login = `${role}-${unique()}@example.jp`;
  const password = `しずかな朝の散歩-${unique()}`;
  const created = await ok<{ id: string; invitationUrl: string }>('POST', '/api/v1/users', { login, displayName, role, ...extra });
  await ok('POST', '/api/v1/invitations/accept', { token: created.invitationUrl.split('/').pop(), password });
  return { id: created.id, login, password };
}

/** API answers the page received (method, path, status), to check what the service said. */
export function watchApi(page: Page): Array<{ method: string; path: string; status: number }> {
  const seen: Array<{ method: string; path: string; status: number }> = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.pathname.startsWith('/api/')) seen.push({ method: response.request().method(), path: url.pathname, status: response.status() });
  });
  return seen;
}

export const PHONE = { width: 390, height: 844 };

/** A screenshot at the phone size (390×844) into docs/images/<name>.png; the page stays at that size. */
export async function phoneScreenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(IMAGES_DIR, { recursive: true });
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: path.join(IMAGES_DIR, `${name}.png`), fullPage: false, animations: 'disabled' });
}
