import createClient, { type Middleware } from 'openapi-fetch';
import { NetworkError, toApiError, type ApiError } from './errors';
import type { paths } from './schema';

/**
 * The service's API, typed from its own OpenAPI document (schema.d.ts, made by `npm run api:generate`).
 * Cookie session: the browser sends the httpOnly cookie; unsafe methods also carry the CSRF token,
 * which is kept in memory only (after a reload it comes back with GET /api/v1/session).
 */
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Header for polling: tells the service the request is not the person's activity (the idle timer is not extended). */
export const BACKGROUND_HEADERS = { 'X-Background': '1' } as const;

type UnauthorizedListener = () => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();
/** Called on every 401 (the session ended): the session provider signs the person out of the UI. */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

function withApiHeaders(method: string, headers: Headers): Headers {
  if (UNSAFE_METHODS.has(method.toUpperCase()) && csrfToken) headers.set('X-CSRF-Token', csrfToken);
  if (!headers.has('Accept')) headers.set('Accept', 'application/json');
  return headers;
}

const sessionHeaders: Middleware = {
  onRequest({ request }) {
    withApiHeaders(request.method, request.headers);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(sessionHeaders);

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null; // an HTML error page from a proxy: never shown as such
  }
}

function fail(status: number, body: unknown): ApiError {
  const error = toApiError(status, body);
  if (status === 401) unauthorizedListeners.forEach((listener) => listener());
  return error;
}

/**
 * Resolves an openapi-fetch call to its data, or throws a typed error (ValidationError, ConflictError, …).
 *   const resources = await unwrap(api.GET('/api/v1/resources', { params: { query: { area } } }));
 */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw new NetworkError();
  }
  if (!result.response.ok) throw fail(result.response.status, result.error);
  return result.data as T;
}

/**
 * For routes whose paths are not in schema.d.ts yet (the session routes come with the accounts work):
 * the same headers and error mapping as `api`, with a local response type at the call site.
 */
export async function request<T>(method: string, path: string, options: { body?: unknown; background?: boolean } = {}): Promise<T> {
  const headers = withApiHeaders(method, new Headers(options.background ? BACKGROUND_HEADERS : {}));
  if (options.body !== undefined) headers.set('Content-Type', 'application/json');
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new NetworkError();
  }
  const body = await readBody(response);
  if (!response.ok) throw fail(response.status, body);
  return body as T;
}
