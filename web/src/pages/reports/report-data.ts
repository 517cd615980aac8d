import type { components } from '../../api/schema';

export type Figure = components['schemas']['FigureDto'];
export type MonthReport = components['schemas']['MonthReportDto'];
export type FiscalYearReport = components['schemas']['FiscalYearReportDto'];
export type ReportRecords = components['schemas']['ReportRecordsDto'];
export type CellValue = number | components['schemas']['SuppressedCellDto'] | null | undefined;

/** Codes in breakdowns, shown in Japanese (the service's VALUE_LABELS, for what the charts show). */
export const VALUE_LABELS: Record<string, string> = {
  ibasho: '居場所',
  work_experience: '就労体験',
  volunteer: 'ボランティア',
  housing_support: '住まい支援',
  settled: '定着',
  withdrew: '中断（本人）',
  host_declined: '受入先の辞退',
  rematched: 'つなぎなおし',
  other: 'その他',
};

export const label = (code: string) => VALUE_LABELS[code] ?? code;

/** 「—」 for a rate with an empty denominator, 「3未満」/「秘匿」 for withheld cells. */
export function display(value: CellValue, rate = false): string {
  if (value === undefined) return '0';
  if (value === null) return '—';
  if (typeof value === 'object') return value.display;
  return rate ? `${value.toFixed(1)} %` : value.toLocaleString('ja-JP');
}

export function numeric(value: CellValue): number | null {
  return typeof value === 'number' ? value : null;
}

export function figure(figures: Figure[] | undefined, key: string): Figure | undefined {
  return figures?.find((f) => f.key === key);
}

/** A figure the report does not have (a month served from a snapshot made before the figure existed) is 「—」, not 0. */
export function headline(f: Figure | undefined): CellValue {
  if (!f) return null;
  if (f.suppressed) return { value: null, suppressed: true, display: f.display ?? '秘匿' };
  return f.value;
}

/** 年度 yyyy of a month: April to March. */
export function fiscalYearOf(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return m >= 4 ? y : y - 1;
}

export function monthsOfFiscalYear(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => {
    const m = ((3 + i) % 12) + 1;
    return `${m >= 4 ? year : year + 1}-${String(m).padStart(2, '0')}`;
  });
}

export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export const monthLabel = (month: string) => `${Number(month.slice(5, 7))}月`;

/** The current month in Tokyo, YYYY-MM. */
export function currentMonth(now = new Date()): string {
  return new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 7);
}
