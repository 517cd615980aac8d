import { toCsvFile } from '../common/csv';
import { BREAKDOWN_LABELS, type BreakdownKind, type BreakdownValue, type Figure } from './report.figures';

/**
 * One row per figure and breakdown value, UTF-8 with BOM and CRLF so that Japanese
 * Excel opens it with the right encoding: 期間, 指標, 内訳の種類, 内訳, 値. The title row, when given, comes first
 * (report, 集計途中, counting-rules version).
 */
export function toCsv(sections: Array<{ period: string; figures: Figure[] }>, labels: Record<string, string> = {}, title?: string): string {
  const lines: Array<Array<string | number>> = [...(title ? [[title]] : []), ['期間', '指標', '内訳の種類', '内訳', '値']];
  for (const { period, figures } of sections) {
    for (const figure of figures) {
      lines.push([period, figure.label, '合計', '', figure.suppressed ? (figure.display ?? '') : (figure.value ?? '—')]);
      for (const [kind, values] of Object.entries(figure.breakdowns ?? {}) as Array<[BreakdownKind, Record<string, BreakdownValue>]>) {
        for (const [key, value] of Object.entries(values).sort(([a], [b]) => a.localeCompare(b, 'ja'))) {
          lines.push([period, figure.label, BREAKDOWN_LABELS[kind], labels[key] ?? key, typeof value === 'number' ? value : value.display]);
        }
      }
    }
  }
  return toCsvFile(lines);
}
