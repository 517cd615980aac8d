import ExcelJS from 'exceljs';
import * as iconv from 'iconv-lite';

/** A message about one cell (or, with row 0, about the whole file), in Japanese. */
export interface CellMessage {
  column: string;
  value: string;
  message: string;
  level: 'warning' | 'error';
}

export interface FileNote {
  row: number;
  column: string;
  value: string;
  message: string;
}

/** The cells of one sheet as text, row by row (index 0 is row 1), and what reading it had to say. */
export interface Table {
  rows: string[][];
  notes: FileNote[];
  sheet: string | null;
  encoding: string | null;
}

/** A file that cannot be read at all: the import fails with this message. */
export class UnreadableFileError extends Error {}

/** More rows than this are refused: the service's own limit, well above a 社協's list. */
export const MAX_ROWS = 50_000;

export async function readTable(file: Buffer, format: 'xlsx' | 'csv'): Promise<Table> {
  return format === 'xlsx' ? readWorkbook(file) : readCsv(file);
}

/**
 * The first visible sheet with data. Formula cells give their last computed value (with a note: the list
 * holds no formulas any more), merged cells repeat the value of their top-left cell in every cell they cover.
 */
async function readWorkbook(file: Buffer): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw new UnreadableFileError(
      'Excel ファイル（.xlsx）として読めません。Excel で開いて「名前を付けて保存」から .xlsx 形式で保存し直してください（古い .xls 形式は読めません）。',
    );
  }
  const notes: FileNote[] = [];
  const sheets = workbook.worksheets;
  for (const hidden of sheets.filter((s) => s.state !== 'visible')) {
    notes.push({ row: 0, column: '', value: hidden.name, message: `非表示のシート「${hidden.name}」は読み込みませんでした` });
  }
  const sheet = sheets.find((s) => s.state === 'visible' && s.actualRowCount > 0);
  if (!sheet)
    throw new UnreadableFileError('表示されているシートにデータがありません。資源の一覧があるシートを表示してから保存してください。');
  if (sheets.filter((s) => s.state === 'visible' && s.actualRowCount > 0).length > 1) {
    notes.push({ row: 0, column: '', value: sheet.name, message: `シートが複数あるため、最初のシート「${sheet.name}」を読み込みました` });
  }
  // Read once: exceljs computes columnCount by walking every row, so in a loop condition reading was quadratic.
  const rowCount = sheet.rowCount;
  const columnCount = sheet.columnCount;
  if (rowCount > MAX_ROWS)
    throw new UnreadableFileError(`行が多すぎます（${rowCount} 行、上限 ${MAX_ROWS} 行）。ファイルを分けてください。`);
  const rows: string[][] = [];
  const mergedSeen = new Set<string>();
  for (let r = 1; r <= rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= columnCount; c++) {
      const cell = row.getCell(c);
      let value: ExcelJS.CellValue = cell.value;
      if (cell.isMerged && cell.master !== cell) {
        value = cell.master.value;
        if (!mergedSeen.has(cell.master.address)) {
          mergedSeen.add(cell.master.address);
          notes.push({
            row: r,
            column: cell.master.address,
            value: text(value),
            message: '結合されたセルの値を、結合された各行に使いました',
          });
        }
      }
      if (value && typeof value === 'object' && 'formula' in value) {
        notes.push({
          row: r,
          column: cell.address,
          value: text(value),
          message: '数式のセルは、保存されている計算結果の値を読み込みました',
        });
      }
      if (value && typeof value === 'object' && 'error' in value) {
        notes.push({ row: r, column: cell.address, value: String(value.error), message: 'エラー値のセルは空欄として扱いました' });
      }
      cells.push(text(value));
    }
    rows.push(cells);
  }
  return { rows, notes, sheet: sheet.name, encoding: null };
}

function text(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    return result === undefined || result === null || typeof result === 'object' ? '' : String(result);
  }
  if ('text' in value) return String(value.text);
  if ('error' in value) return '';
  return '';
}

/** UTF-8 (with or without BOM), else Shift_JIS as Windows writes it (CP932: ①, ㈱, NEC extensions). */
export function decodeText(file: Buffer): { text: string; encoding: string } {
  if (file[0] === 0xef && file[1] === 0xbb && file[2] === 0xbf) return { text: file.subarray(3).toString('utf8'), encoding: 'UTF-8 (BOM)' };
  if (file[0] === 0xff && file[1] === 0xfe) return { text: file.subarray(2).toString('utf16le'), encoding: 'UTF-16' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(file), encoding: 'UTF-8' };
  } catch {
    return { text: iconv.decode(file, 'cp932'), encoding: 'Shift_JIS' };
  }
}

function readCsv(file: Buffer): Table {
  if (file.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004') {
    throw new UnreadableFileError('CSV ではなく Excel ファイルのようです。format を xlsx にするか、拡張子 .xlsx のまま送ってください。');
  }
  if (file.includes(0)) {
    throw new UnreadableFileError('文字のファイル（CSV）として読めません。Excel で「CSV（コンマ区切り）」形式で保存し直してください。');
  }
  const { text, encoding } = decodeText(file);
  const rows = parseCsv(text);
  if (rows.length > MAX_ROWS)
    throw new UnreadableFileError(`行が多すぎます（${rows.length} 行、上限 ${MAX_ROWS} 行）。ファイルを分けてください。`);
  return { rows, notes: [], sheet: null, encoding };
}

/** RFC 4180: quoted fields with "" escapes and line breaks, CRLF or LF; a tab-separated file when it has no commas. */
export function parseCsv(text: string): string[][] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const separator = !firstLine.includes(',') && firstLine.includes('\t') ? '\t' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === separator) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
