import { toCsv } from '../../src/reports/report.csv';
import { fiscalYearPeriod, monthPeriod, monthsBetween, previousMonth } from '../../src/reports/report.period';

describe('report periods in Asia/Tokyo', () => {
  it('turns a month into JST instants', () => {
    const p = monthPeriod('2026-10');
    expect(p.from.toISOString()).toBe('2026-09-30T15:00:00.000Z');
    expect(p.to.toISOString()).toBe('2026-10-31T15:00:00.000Z');
    expect(monthPeriod('2026-12').toDate).toBe('2027-01-01');
  });

  it.each(['2026-13', '2026-00', 'abc', '2026-1', '26-10'])('rejects %s naming the month', (m) => {
    expect(() => monthPeriod(m)).toThrow(expect.objectContaining({ details: { errors: [expect.objectContaining({ field: 'month' })] } }));
  });

  it('runs a fiscal year from April to March', () => {
    const fy = fiscalYearPeriod('2026');
    expect(fy.months.map((m) => m.label)).toEqual([
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
      '2027-03',
    ]);
    expect(fy.total.from.toISOString()).toBe('2026-03-31T15:00:00.000Z');
    expect(fy.total.to.toISOString()).toBe('2027-03-31T15:00:00.000Z');
  });

  it('knows the previous month in Tokyo, also just after midnight JST on the 1st', () => {
    expect(previousMonth(new Date('2026-10-31T15:10:00Z'))).toBe('2026-10');
    expect(previousMonth(new Date('2026-10-31T14:59:00Z'))).toBe('2026-09');
    expect(monthsBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
  });
});

describe('report CSV', () => {
  it('starts with a BOM, uses CRLF, quotes where needed and names breakdowns in Japanese', () => {
    const csv = toCsv(
      [
        {
          period: '2026-10',
          figures: [{ key: 'k', label: 'マッチング件数, 延べ', value: 3, breakdowns: { type: { ibasho: 2, volunteer: 1 } } }],
        },
      ],
      { ibasho: '居場所', volunteer: 'ボランティア' },
    );
    expect(csv.startsWith('\uFEFF期間,指標,内訳の種類,内訳,値\r\n')).toBe(true);
    expect(csv).toContain('2026-10,"マッチング件数, 延べ",合計,,3\r\n');
    expect(csv).toContain('2026-10,"マッチング件数, 延べ",資源の種別,居場所,2\r\n');
  });
});
