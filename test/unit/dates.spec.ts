import { isCalendarDate, isCalendarMonth, parseTimestamp } from '../../src/common/dates';
import { isDatabaseUnavailable } from '../../src/common/app-exception.filter';

describe('the one date parser', () => {
  it.each([
    '2026-02-30',
    '2026-04-31',
    '2026-13-01',
    '0000-00-00',
    '2025-02-29',
    '1899-12-31',
    '2101-01-01',
    '2026-1-01',
    ' 2026-01-01',
    20260101,
  ])('refuses %p as a calendar date', (value) => expect(isCalendarDate(value)).toBe(false));
  it.each(['2024-02-29', '2026-12-31', '1900-01-01', '2100-12-31'])('accepts %p', (value) => expect(isCalendarDate(value)).toBe(true));
  it('checks months', () => {
    expect(['2026-01', '2026-12'].map(isCalendarMonth)).toEqual([true, true]);
    expect(['2026-00', '2026-13', '0000-01', '26-01'].map(isCalendarMonth)).toEqual([false, false, false, false]);
  });
  it('reads timestamps without an offset as Tokyo time and refuses non-existent days instead of rolling them over', () => {
    expect(parseTimestamp('2027-03-31T23:59:59')?.toISOString()).toBe('2027-03-31T14:59:59.000Z');
    expect(parseTimestamp('2027-03-31T23:59:59Z')?.toISOString()).toBe('2027-03-31T23:59:59.000Z');
    expect(parseTimestamp('2027-03-31T09:00:00.5+09:00')?.toISOString()).toBe('2027-03-31T00:00:00.500Z');
    for (const bad of [
      '2027-02-30T10:00:00+09:00',
      '2027-03-31T24:00',
      '2027-03-31T23:60',
      '2027-03-31',
      '2027-03-31T10:00+25:00',
      'tomorrow',
      5,
    ]) {
      expect(parseTimestamp(bad)).toBeNull();
    }
  });
});

describe('database availability', () => {
  it('tells an unreachable database from a wrong query', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable({ message: 'x', driverError: { code: '57P01' } })).toBe(true);
    expect(isDatabaseUnavailable({ message: 'duplicate key', code: '23505' })).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
  });
});
