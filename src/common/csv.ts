/**
 * CSV for the spreadsheets of municipalities (Excel, LibreOffice): UTF-8 with BOM, CRLF, RFC 4180 quoting,
 * and cells that cannot start a formula.
 *
 * CSV injection, following OWASP's "CSV Injection" guidance: a cell starting with = + - @ TAB or CR is a
 * formula to a spreadsheet (「=HYPERLINK(...)」 in a host's area name would run in the city's office), so
 * such a cell is prefixed with a single quote, which spreadsheets show as text and do not evaluate. The
 * full-width ＝＋－＠ are treated the same, as spreadsheet software may fold them to ASCII when reading.
 *
 * The prefix is reversible: a cell that already starts with quotes followed by a trigger gets one more
 * quote, so `restoreCell(neutraliseCell(v)) === v` for every string v (an importer of the service's own
 * exports undoes exactly this). Plain numbers such as 「-3」 are data, not formulas, and stay as they are.
 */
const FORMULA_START = /^'*[=+\-@\t\r＝＋－＠]/;
const NEUTRALISED = /^'+[=+\-@\t\r＝＋－＠]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/** The inverse of neutraliseCell, for cells read back from one of the service's own CSV files. */
export function restoreCell(value: string): string {
  return NEUTRALISED.test(value) ? value.slice(1) : value;
}

/** One cell: neutralised (text only; numbers are written as numbers), then quoted when RFC 4180 needs it. */
export function csvCell(value: string | number | null | undefined): string {
  const text = typeof value === 'number' ? String(value) : neutraliseCell(value ?? '');
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole file: BOM so that Japanese Excel reads UTF-8, CRLF line ends. */
export function toCsvFile(rows: Array<Array<string | number | null | undefined>>): string {
  return '\uFEFF' + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
