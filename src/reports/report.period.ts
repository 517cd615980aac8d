import { AppException } from '../common/app.exception';
import { addDays, startOfTokyoDay, tokyoDate } from '../common/tokyo-time';

/** A reporting period in Asia/Tokyo: [from, to) as instants and as calendar dates. */
export interface Period {
  label: string;
  fromDate: string;
  /** Exclusive. */
  toDate: string;
  from: Date;
  to: Date;
}

export function monthPeriod(month: string): Period {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const m = match ? Number(match[2]) : 0;
  if (!match || m < 1 || m > 12)
    throw AppException.validation('month', `年月は YYYY-MM 形式で指定してください（例: 2026-10）。受け取った値: ${month.slice(0, 20)}`);
  const fromDate = `${match[1]}-${match[2]}-01`;
  const toDate = m === 12 ? `${Number(match[1]) + 1}-01-01` : `${match[1]}-${String(m + 1).padStart(2, '0')}-01`;
  return { label: month, fromDate, toDate, from: startOfTokyoDay(fromDate), to: startOfTokyoDay(toDate) };
}

/** 年度 yyyy: April yyyy to March yyyy+1. */
export function fiscalYearPeriod(year: string): { total: Period; months: Period[] } {
  if (!/^\d{4}$/.test(year) || Number(year) < 2000 || Number(year) > 2100) {
    throw AppException.validation(
      'year',
      `年度は西暦 4 桁で指定してください（例: 2026 は 2026年4月〜2027年3月）。受け取った値: ${year.slice(0, 20)}`,
    );
  }
  const y = Number(year);
  const months = Array.from({ length: 12 }, (_, i) => {
    const month = ((3 + i) % 12) + 1;
    return monthPeriod(`${month >= 4 ? y : y + 1}-${String(month).padStart(2, '0')}`);
  });
  const fromDate = `${y}-04-01`;
  const toDate = `${y + 1}-04-01`;
  return { total: { label: `FY${y}`, fromDate, toDate, from: startOfTokyoDay(fromDate), to: startOfTokyoDay(toDate) }, months };
}

/** The month before the one containing `now`, in Tokyo. */
export function previousMonth(now: Date = new Date()): string {
  const firstOfThisMonth = `${tokyoDate(now).slice(0, 7)}-01`;
  return addDays(firstOfThisMonth, -1).slice(0, 7);
}

export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let m = first; m <= last; m = monthPeriod(m).toDate.slice(0, 7)) out.push(m);
  return out;
}
