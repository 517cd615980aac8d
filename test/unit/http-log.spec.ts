import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import pinoHttp from 'pino-http';
import { httpLogOptions, loggedResponse, loggedUrl, REDACTED_PATHS } from '../../src/common/http-log';

/** What the request log writes for a URL (src/common/http-log.ts): never a secret that grants access by itself. */
describe('request log URLs', () => {
  it('writes the calendar-feed secret and the invitation / reset token as [secret], however the path is spelt', () => {
    const feed = 'q2Xv-8bY3kLmN0pQrStUvWxYz0123456789abcdEFGH';
    expect(loggedUrl(`/api/v1/calendar-feeds/${feed}.ics`)).toBe('/api/v1/calendar-feeds/[secret]');
    expect(loggedUrl(`/API/V1/Calendar-Feeds/${feed}.ics?x=1`)).toBe('/api/v1/calendar-feeds/[secret]');
    expect(loggedUrl(`//api/v1//calendar-feeds/${feed}.ics`)).toBe('/api/v1/calendar-feeds/[secret]');
    expect(loggedUrl(`/invitation/${feed}`)).toBe('/invitation/[secret]');
    expect(loggedUrl(`/Invitation/${feed}/`)).toBe('/invitation/[secret]');
  });

  it('keeps other paths as they are, without the query string', () => {
    expect(loggedUrl('/api/v1/participants/0b7e?q=山田')).toBe('/api/v1/participants/0b7e');
    expect(loggedUrl('/api/v1/invitations/accept')).toBe('/api/v1/invitations/accept');
    expect(loggedUrl('/api/v1/me/calendar-feed')).toBe('/api/v1/me/calendar-feed');
    expect(loggedUrl(undefined)).toBe('');
  });

  it('redacts credentials in headers: the session cookie, API tokens, and the session id set at sign-in', () => {
    expect(REDACTED_PATHS).toEqual(
      expect.arrayContaining(['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]']),
    );
  });
});

/** What the request log writes for a response: status code, response time and size, no other header. */
describe('request log responses', () => {
  it('keeps the status code and content-length of the serialized response, and nothing else', () => {
    const headers = {
      'content-length': '1234',
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'set-cookie': 'sid=s3cr3t',
      'x-request-id': 'abc',
      etag: 'W/"4d2"',
    };
    expect(loggedResponse({ statusCode: 200, headers })).toEqual({ statusCode: 200, contentLength: 1234 });
    expect(loggedResponse({ statusCode: 204, headers: { 'cache-control': 'no-store' } })).toEqual({ statusCode: 204 });
    expect(loggedResponse({ statusCode: null })).toEqual({ statusCode: null });
  });

  it('writes one line per request through pino-http with status, response time and size, but no response headers', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const destination = { write: (line: string) => lines.push(JSON.parse(line)) };
    // As nestjs-pino builds it: pino-http with the service's options and a destination stream.
    const logger = pinoHttp(httpLogOptions('info') as never, destination as never);
    const server = http.createServer((req, res) => {
      logger(req, res);
      res.setHeader('Set-Cookie', 'sid=s3cr3t; HttpOnly');
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('X-Frame-Options', 'DENY');
      res.setHeader('Content-Type', 'application/json');
      res.setHeader('Content-Length', '2');
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      await fetch(`http://127.0.0.1:${port}/api/v1/participants?q=x`, { headers: { Cookie: 'sid=s3cr3t' } }).then((r) => r.text());
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    const line = lines.find((l) => l.res);
    expect(line).toBeDefined();
    expect(line!.res).toEqual({ statusCode: 200, contentLength: 2 });
    expect(typeof line!.responseTime).toBe('number');
    expect(line!.req).toMatchObject({ method: 'GET', url: '/api/v1/participants' });
    const written = JSON.stringify(line);
    for (const noise of ['s3cr3t', 'no-store', 'DENY', 'application/json', 'headers']) expect(written).not.toContain(noise);
  });
});
