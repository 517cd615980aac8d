import { BREAKDOWN_LABELS, type BreakdownKind, type Figure } from './report.figures';

const BOM = '\uFEFF';

function cell(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * One row per figure and breakdown value, UTF-8 with BOM and CRLF so that Japanese
 * Excel opens it with the right encoding: 期間, 指標, 内訳の種類, 内訳, 値.
 */
export function toCsv(sections: Array<{ period: string; figures: Figure[] }>, labels: Record<string, string> = {}): string {
  const lines = [['期間', '指標', '内訳の種類', '内訳', '値']];
  for (const { period, figures } of sections) {
    for (const figure of figures) {
      lines.push([period, figure.label, '合計', '', String(figure.value)]);
      for (const [kind, values] of Object.entries(figure.breakdowns ?? {}) as Array<[BreakdownKind, Record<string, number>]>) {
        for (const [key, value] of Object.entries(values).sort(([a], [b]) => a.localeCompare(b, 'ja'))) {
          lines.push([period, figure.label, BREAKDOWN_LABELS[kind], labels[key] ?? key, String(value)]);
        }
      }
    }
  }
  return BOM + lines.map((line) => line.map(cell).join(',')).join('\r\n') + '\r\n';
}
