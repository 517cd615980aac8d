import { createHash, timingSafeEqual } from 'node:crypto';
import { parse, serialize } from 'cookie';
import type { Request } from 'express';

export const SESSION_COOKIE = 'sanka_session';
export const CSRF_HEADER = 'x-csrf-token';
export const BACKGROUND_HEADER = 'x-background';
/** The API lives under /api: the browser need not send the cookie anywhere else. */
const COOKIE_PATH = '/api';

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function readSessionSecret(request: Request): string | null {
  const header = request.headers.cookie;
  if (!header) return null;
  const value = parse(header)[SESSION_COOKIE];
  return value && /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : null;
}

/** httpOnly + SameSite=Strict; Secure when the request came over HTTPS (directly or via a trusted proxy). */
export function sessionCookie(secret: string, secure: boolean): string {
  return serialize(SESSION_COOKIE, secret, { httpOnly: true, sameSite: 'strict', secure, path: COOKIE_PATH });
}

export function clearedSessionCookie(secure: boolean): string {
  return serialize(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'strict', secure, path: COOKIE_PATH, maxAge: 0, expires: new Date(0) });
}

/**
 * The CSRF token is derived from the session secret (which scripts cannot read, the cookie being httpOnly),
 * so nothing more is stored and every tab of the same session gets the same value.
 */
export function csrfTokenFor(sessionSecret: string): string {
  return createHash('sha256').update(`csrf\0${sessionSecret}`).digest('base64url');
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isUnsafeMethod(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/**
 * Cross-site request checks for cookie-authenticated requests. Browsers send Origin with every unsafe
 * request and Sec-Fetch-Site with every request: when present they must say "this site". Returns a
 * Japanese reason, or null when the request is acceptable.
 */
export function crossSiteReason(request: Request, publicUrl: string): string | null {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return '別のサイトからの操作は受け付けません。';
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== 'null') {
    const own = `${request.protocol}://${request.get('host')}`;
    if (origin !== own && origin !== new URL(publicUrl).origin) return '別のサイトからの操作は受け付けません。';
  } else if (origin === 'null') {
    return '別のサイトからの操作は受け付けません。';
  }
  return null;
}

/** CSRF proof of an unsafe cookie-authenticated request: the X-CSRF-Token header, compared in constant time. */
export function hasCsrfProof(request: Request, sessionSecret: string): boolean {
  const sent = request.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || sent.length > 200) return false;
  const expected = Buffer.from(csrfTokenFor(sessionSecret));
  const given = Buffer.from(sent);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
