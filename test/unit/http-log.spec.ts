import { loggedUrl, REDACTED_PATHS } from '../../src/common/http-log';

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
