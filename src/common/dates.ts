/**
 * The one place where the API reads dates, months and timestamps from callers.
 *
 * Own code rather than a date library: the rules are few and fixed (ISO 8601 only, a real
 * calendar day, Asia/Tokyo which has had no daylight saving time since 1951, so +09:00 is exact),
 * and `Date` alone is not enough because it rolls Feb 30 over to Mar 2 instead of refusing it.
 */
export const MIN_DATE = '1900-01-01';
export const MAX_DATE = '2100-12-31';
export const TOKYO_OFFSET = '+09:00';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
// Date, 'T' (or a space), hours:minutes[:seconds[.fraction]], optional Z or ±hh:mm.
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A real calendar day 'YYYY-MM-DD' within MIN_DATE..MAX_DATE. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  return value >= MIN_DATE && value <= MAX_DATE;
}

/** A calendar month 'YYYY-MM' within the same range. */
export function isCalendarMonth(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = MONTH.exec(value);
  return Boolean(m) && Number(m![2]) >= 1 && Number(m![2]) <= 12 && isCalendarDate(`${value}-01`);
}

/**
 * An ISO 8601 timestamp with a real date and time. Without an offset it is read as
 * Tokyo time (what a coordinator in Japan means), never as UTC. Null when invalid.
 */
export function parseTimestamp(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const m = TIMESTAMP.exec(value);
  if (!m || !isCalendarDate(m[1])) return null;
  const [hours, minutes, seconds] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  const offset = m[6] ?? TOKYO_OFFSET;
  if (offset !== 'Z') {
    const [oh, om] = offset.slice(1).split(':').map(Number);
    if (oh > 14 || om > 59) return null;
  }
  const iso = `${m[1]}T${m[2]}:${m[3]}:${String(seconds).padStart(2, '0')}${(m[5] ?? '').slice(0, 4)}${offset}`;
  const parsed = new Date(iso);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

export function isTimestamp(value: unknown): boolean {
  return parseTimestamp(value) !== null;
}
