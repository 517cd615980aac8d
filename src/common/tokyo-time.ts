/**
 * Calendar dates in Asia/Tokyo. Japan has no daylight saving time, so a fixed +09:00
 * offset is exact; dates are ISO strings 'YYYY-MM-DD' as PostgreSQL `date` returns them.
 */
const OFFSET_MS = 9 * 60 * 60 * 1000;

export function tokyoDate(instant: Date = new Date()): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The instant at which a Tokyo calendar day begins. */
export function startOfTokyoDay(date: string): Date {
  return new Date(`${date}T00:00:00+09:00`);
}

export function isIsoDate(value: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(value) &&
    !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
    new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)
  );
}
