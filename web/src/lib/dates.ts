/**
 * Dates the way Japanese public services write them: 2026年11月29日（日）, optionally with the
 * Japanese era (令和8年) beside; times always in Asia/Tokyo, whatever the computer's time zone.
 */
export const TIME_ZONE = 'Asia/Tokyo';

const WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'] as const;
const TOKYO_DAY = new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, year: 'numeric', month: 'numeric', day: 'numeric' });
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date ('2026-11-29') is that day everywhere; a date-time is read in Asia/Tokyo. */
interface DateParts {
  year: number;
  month: number;
  day: number;
  weekday: number;
  instant: Date;
}

function parts(value: Date | string): DateParts {
  if (typeof value === 'string') {
    const m = DATE_ONLY.exec(value);
    if (m) {
      const instant = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      return { year: +m[1], month: +m[2], day: +m[3], weekday: instant.getUTCDay(), instant };
    }
  }
  const instant = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(instant.getTime())) throw new RangeError(`日付として読めません: ${String(value)}`);
  const p = TOKYO_DAY.formatToParts(instant);
  const get = (type: string) => Number(p.find((x) => x.type === type)!.value);
  const year = get('year');
  const month = get('month');
  const day = get('day');
  return { year, month, day, weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(), instant };
}

/** 令和8年11月29日 (the Japanese calendar; 元年 for the first year of an era). */
export function formatWareki(value: Date | string): string {
  const { year, month, day } = parts(value);
  const noonUtc = new Date(Date.UTC(year, month - 1, day, 3)); // noon in Tokyo: the right day in any zone
  const p = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { timeZone: TIME_ZONE, era: 'long', year: 'numeric' }).formatToParts(noonUtc);
  const era = p.find((x) => x.type === 'era')?.value ?? '';
  // Some ICU versions already write the first year as 元, others as 1.
  const eraYear = p.find((x) => x.type === 'year')?.value ?? '';
  return `${era}${eraYear === '1' ? '元' : eraYear}年${month}月${day}日`;
}

/** 2026年11月29日（日）; with `wareki: true`: 2026年11月29日（日）〔令和8年〕. */
export function formatDateJa(value: Date | string, options: { wareki?: boolean } = {}): string {
  const { year, month, day, weekday } = parts(value);
  const text = `${year}年${month}月${day}日（${WEEKDAYS[weekday]}）`;
  if (!options.wareki) return text;
  const era = formatWareki(value).replace(/\d+月\d+日$/, '');
  return `${text}〔${era}〕`;
}

/** 14:05 in Asia/Tokyo. */
export function formatTimeJa(value: Date | string): string {
  const { instant } = parts(value);
  return new Intl.DateTimeFormat('ja-JP', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
}

/** 2026年11月29日（日）14:05 in Asia/Tokyo. */
export function formatDateTimeJa(value: Date | string): string {
  return `${formatDateJa(value)} ${formatTimeJa(value)}`;
}
