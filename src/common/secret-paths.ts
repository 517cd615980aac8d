/**
 * Paths whose next segment is a secret that grants access by itself. Kept here, not beside their routes, because the
 * request logger (http-log.ts) must know every one of them and common/ may not import feature folders.
 */
/** The private calendar feed: `/api/v1/calendar-feeds/<secret>.ics`. */
export const FEED_PATH = '/api/v1/calendar-feeds/';
/** The one-time invitation / password-reset link of the web app: `/invitation/<secret>`. */
export const INVITATION_PATH = '/invitation/';
