import type { Params } from 'nestjs-pino';
import { FEED_PATH, INVITATION_PATH } from './secret-paths';

/**
 * Paths whose next segment is a secret that grants access by itself: the private calendar feed
 * (`/api/v1/calendar-feeds/<secret>.ics`) and the one-time invitation / password-reset link of the web app
 * (`/invitation/<secret>`). API tokens and the session id travel in headers only (redacted below); the query
 * string is never logged. A new route with a secret in its path belongs in this list.
 */
export const SECRET_PATH_PREFIXES: readonly string[] = [FEED_PATH, INVITATION_PATH];

/** The request path as logged: no query string, and a secret segment written as `[secret]`. */
export function loggedUrl(url: string | undefined): string {
  const path = (url ?? '').split('?')[0];
  // Express and the web app's router both match paths case-insensitively, and `//` reaches the same route.
  const normalised = path.replace(/\/{2,}/g, '/').toLowerCase();
  const prefix = SECRET_PATH_PREFIXES.find((p) => normalised.startsWith(p));
  return prefix ? `${prefix}[secret]` : path;
}

/**
 * Request headers and response headers that carry credentials. The request serializer logs no headers at all;
 * these paths stay as a guard should it ever log them. `set-cookie` holds the session id on every sign-in.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  // Bodies are never logged: they may hold a participant's needs or health details.
  'req.body',
  'res.body',
];

/** The response as logged: status code and size. pino-http writes `responseTime` (ms) beside it. */
export function loggedResponse(res: { statusCode?: number | null; headers?: Record<string, unknown> }): {
  statusCode: number | null;
  contentLength?: number;
} {
  // No other response header: they are the same on every line (and set-cookie is a credential).
  const length = res.headers?.['content-length'];
  const logged: { statusCode: number | null; contentLength?: number } = { statusCode: res.statusCode ?? null };
  if (length !== undefined && Number.isFinite(Number(length))) logged.contentLength = Number(length);
  return logged;
}

/** pino-http options of the service's logger (nestjs-pino's LoggerModule). */
export function httpLogOptions(level: string): Params['pinoHttp'] {
  return {
    level,
    redact: { paths: REDACTED_PATHS, remove: true },
    // Static files of the web app are not worth a log line each (fonts come in many small subsets).
    autoLogging: { ignore: (req) => req.url === '/health' || Boolean(req.url?.startsWith('/assets/')) },
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: loggedUrl(req.url) }),
      res: loggedResponse,
    },
  };
}
