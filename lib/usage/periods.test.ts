import { describe, expect, it } from 'vitest';
import { bytesToGb, decimal, gbMonthsIn, isDay, isMonth, secondsInMonth, splitByDay } from './periods';
import { periodsOf } from './series';

describe('usage periods and units', () => {
  it('splits an interval at UTC midnights, to the second', () => {
    expect(splitByDay(Date.parse('2026-02-28T23:00:00Z'), Date.parse('2026-03-02T00:30:00Z'))).toEqual([
      { day: '2026-02-28', seconds: 3600 },
      { day: '2026-03-01', seconds: 86400 },
      { day: '2026-03-02', seconds: 1800 },
    ]);
    expect(splitByDay(5000, 5000)).toEqual([]);
  });

  it('knows month lengths, leap years included', () => {
    expect(secondsInMonth('2028-02')).toBe(29 * 86400);
    expect(secondsInMonth('2026-02-14')).toBe(28 * 86400);
    expect(secondsInMonth('2026-12')).toBe(31 * 86400);
  });

  it('divides exactly, rounding half up, at any size', () => {
    expect(decimal(1n, 3n, 4)).toBe('0.3333');
    expect(decimal(2n, 3n, 4)).toBe('0.6667');
    expect(decimal(-5n, 10n, 0)).toBe('-1');
    expect(bytesToGb(123_456_789_012_345_678_901n)).toBe('123456789012.345678901');
    // 1 GB kept for all of April (30 days) is 1 GB-month.
    expect(gbMonthsIn(10n ** 9n * 30n * 86400n, '2026-04')).toBe('1.000000000');
  });

  it('checks dates and lists the periods of a range', () => {
    expect([isDay('2026-02-29'), isDay('2028-02-29'), isDay('2026-1-01'), isMonth('2026-13'), isMonth('2026-12')]).toEqual([false, true, false, false, true]);
    expect(periodsOf('2026-01-30', '2026-02-02', 'day')).toEqual(['2026-01-30', '2026-01-31', '2026-02-01']);
    expect(periodsOf('2026-01-15', '2026-03-01', 'month')).toEqual(['2026-01', '2026-02']);
  });
});

describe('usage periods, edge by edge', () => {
  it('takes a day or a month only whole, months 01 to 12', () => {
    for (const m of ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12']) expect(isMonth(`2026-${m}`), m).toBe(true);
    for (const bad of ['2026-00', '2026-13', '2026-1', 'x2026-01', '2026-01x', '2026-01-01']) expect(isMonth(bad), bad).toBe(false);
    for (const bad of ['x2026-01-01', '2026-01-01x', '2026-01-01T00:00:00Z', '2026-02-30']) expect(isDay(bad), bad).toBe(false);
    expect(isDay('2026-01-09')).toBe(true);
  });

  it('divides with either sign, rounding half away from zero, and never prints -0', () => {
    expect(decimal(5n, -10n, 1)).toBe('-0.5');
    expect(decimal(-5n, -10n, 1)).toBe('0.5');
    expect(decimal(-1n, 3n, 2)).toBe('-0.33');
    expect(decimal(-2n, 3n, 2)).toBe('-0.67');
    expect(decimal(-1n, 300n, 2)).toBe('0.00');
    expect(decimal(0n, -7n, 3)).toBe('0.000');
    expect(decimal(7n, 2n, 0)).toBe('4');
    expect(decimal(-7n, 2n, 0)).toBe('-4');
  });
});
