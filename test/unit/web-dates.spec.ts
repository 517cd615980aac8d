import { formatDateJa, formatDateTimeJa, formatTimeJa, formatWareki } from '../../web/src/lib/dates';

/** The web app's Japanese dates (web/src/lib/dates.ts): the same in any time zone of the computer. */
describe('Japanese date formatting', () => {
  it('writes a calendar date with the weekday', () => {
    expect(formatDateJa('2026-11-29')).toBe('2026年11月29日（日）');
    expect(formatDateJa('2027-01-04')).toBe('2027年1月4日（月）');
  });

  it('reads date-times in Asia/Tokyo (UTC evening is the next day in Japan)', () => {
    expect(formatDateJa('2026-11-28T15:30:00Z')).toBe('2026年11月29日（日）');
    expect(formatDateJa(new Date('2026-11-28T14:59:59Z'))).toBe('2026年11月28日（土）');
    expect(formatTimeJa('2026-11-28T15:05:00Z')).toBe('00:05');
    expect(formatDateTimeJa('2026-11-29T05:05:00Z')).toBe('2026年11月29日（日） 14:05');
  });

  it("adds the Japanese era when asked, with 元年 for an era's first year", () => {
    expect(formatWareki('2026-11-29')).toBe('令和8年11月29日');
    expect(formatWareki('2019-05-01')).toBe('令和元年5月1日');
    expect(formatWareki('2019-04-30')).toBe('平成31年4月30日');
    expect(formatDateJa('2026-11-29', { wareki: true })).toBe('2026年11月29日（日）〔令和8年〕');
  });

  it('refuses what is not a date', () => {
    expect(() => formatDateJa('not a date')).toThrow(RangeError);
  });
});
