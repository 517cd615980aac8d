import ExcelJS from 'exceljs';
import { neutraliseCell } from '../common/csv';
import { FIGURE_LABELS, RATE_KEYS, type BreakdownKind, type BreakdownValue, type Figure } from './report.figures';

/** A rate with an empty denominator. */
export const NO_RATE = '—';

export interface WorkbookMeta {
  /** 「参加支援 月次集計 2025-10」 */
  title: string;
  /** 「2025年10月1日〜2025年10月31日」 (with 集計途中 / snapshot notes). */
  period: string;
  /** When the file was made, Tokyo time, for the print header. */
  printedAt: string;
  labels: Record<string, string>;
}

/** One column of the 年度 sheet (a month or 合計); null = the month has not started. */
export interface Column {
  header: string;
  figures: Figure[] | null;
}

const BREAKDOWN_SHEETS: Array<{ kind: BreakdownKind; name: string; header: string }> = [
  { kind: 'area', name: '地区別', header: '地区' },
  { kind: 'type', name: '種別別', header: '資源の種別' },
];

/**
 * The layout a city office files: indicators as rows and periods as columns (the 年度 sheet: 4月〜3月 and 合計),
 * one sheet per breakdown (areas or types × indicators, with 合計), Japanese headers, widths, number formats,
 * frozen headers, A4 landscape with title, period and 出力日時 in the page header. Text is neutralised
 * (a spreadsheet must not take an area name for a formula). Numbers are numbers; withheld cells are text.
 */
export async function buildWorkbook(meta: WorkbookMeta, columns: Column[], breakdownSource: Figure[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '参加支援マッチング';
  wb.title = meta.title;
  const main = sheet(wb, columns.length === 1 ? '月次' : '年度', meta);
  const figures = indicatorRows(columns);
  header(main, ['指標', ...columns.map((c) => c.header)], [44, ...columns.map(() => 11)]);
  for (const { key, label } of figures) {
    const row = main.addRow([text(label), ...columns.map((c) => cellValue(c.figures ? c.figures.find((f) => f.key === key) : undefined))]);
    styleRow(row, key);
  }
  for (const { kind, name, header: head } of BREAKDOWN_SHEETS) {
    const withKind = breakdownSource.filter((f) => f.breakdowns?.[kind] && Object.keys(f.breakdowns[kind]!).length);
    if (!withKind.length) continue;
    const ws = sheet(wb, name, meta);
    header(ws, [head, ...withKind.map((f) => f.label)], [18, ...withKind.map(() => 16)]);
    ws.getRow(1).height = 60;
    const names = [...new Set(withKind.flatMap((f) => Object.keys(f.breakdowns![kind]!)))].sort((a, b) => a.localeCompare(b, 'ja'));
    for (const n of names)
      styleRow(ws.addRow([text(meta.labels[n] ?? n), ...withKind.map((f) => breakdownValue(f.breakdowns![kind]![n]))]));
    const total = ws.addRow(['合計', ...withKind.map((f) => cellValue(f))]);
    styleRow(total);
    total.font = { bold: true };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The indicators of every column, in report order: a month served from a snapshot made under older rules lacks the
 * figures added since (e.g. the プラン策定件数, rules version 5), and its cells of those rows stay empty.
 */
function indicatorRows(columns: Column[]): Array<{ key: string; label: string }> {
  const seen = new Map<string, string>();
  for (const c of columns) for (const f of c.figures ?? []) if (!seen.has(f.key)) seen.set(f.key, f.label);
  const order = Object.keys(FIGURE_LABELS);
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  return [...seen].map(([key, label]) => ({ key, label })).sort((a, b) => rank(a.key) - rank(b.key));
}

function sheet(wb: ExcelJS.Workbook, name: string, meta: WorkbookMeta): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.7, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: {
      oddHeader: `&L${escapeHf(meta.title)}&C${escapeHf(meta.period)}&R出力日時 ${escapeHf(meta.printedAt)}`,
      oddFooter: '&C&P / &N ページ',
    },
  });
  return ws;
}

function header(ws: ExcelJS.Worksheet, titles: string[], widths: number[]): void {
  const row = ws.addRow(titles.map(text));
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  row.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  ws.columns.forEach((column, i) => (column.width = widths[i] ?? 12));
}

function styleRow(row: ExcelJS.Row, key?: string): void {
  row.eachCell((cell, col) => {
    if (col === 1) return;
    cell.alignment = { horizontal: 'right' };
    if (typeof cell.value === 'number') cell.numFmt = key && RATE_KEYS.has(key) ? '0.0' : '#,##0';
  });
}

function cellValue(figure: Figure | undefined): number | string {
  if (!figure) return '';
  if (figure.suppressed) return figure.display ?? '';
  return figure.value === null ? NO_RATE : figure.value;
}

function breakdownValue(value: BreakdownValue | undefined): number | string {
  if (value === undefined) return 0;
  return typeof value === 'number' ? value : value.display;
}

function text(value: string): string {
  return neutraliseCell(value);
}

/** `&` starts a code in Excel's page header. */
function escapeHf(value: string): string {
  return value.replace(/&/g, '&&');
}
