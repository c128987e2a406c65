import { describe, expect, it } from 'vitest';
import { rangeOf } from '@/data/usage/queries';
import { formatWhen } from '@/lib/format';
import type { Figures } from '@/lib/usage/contract';
import { defaultMeasure, formatAmount, formatCount, formatMeasure, measure, unitFor } from './format';

const figures = (over: Partial<Figures> = {}): Figures => ({
  storageByteSeconds: '0',
  storageGbMonth: '0.000000000',
  uploadedBytes: '0',
  uploadedGb: '0.000000000',
  downloadedBytes: '0',
  downloadedGb: '0.000000000',
  requests: { put: '0', get: '0', list: '0', other: '0', total: '0' },
  ...over,
});

describe('usage formatting', () => {
  it('reads amounts and counts', () => {
    expect([formatAmount('0.000000000'), formatAmount('1234.56789'), formatAmount('0.000012345')]).toEqual(['0', '1,234.568', '0.00001235']);
    expect(formatCount('12345678901234567890')).toBe('12,345,678,901,234,567,890');
    expect([formatWhen(null), formatWhen('2026-11-29T06:10:42Z')]).toEqual(['never', '2026-11-29 06:10 UTC']);
  });

  it('picks the unit by size: bytes to TB, byte-months to TB-months', () => {
    expect([0, 999, 1000, 2.5e6, 7e9, 3e12, 9e15].map((n) => unitFor('bytes', n).name)).toEqual(['B', 'B', 'kB', 'MB', 'GB', 'TB', 'TB']);
    expect(unitFor('byte-months', 722).name).toBe('B-month');
    expect(unitFor('count', 1e9).name).toBe('requests');
    const storage = measure('storage')!;
    expect(formatMeasure(storage, figures({ storageGbMonth: '0.000000722' }))).toBe('722 B-month');
    expect(formatMeasure(storage, figures({ storageGbMonth: '1536.250000000' }))).toBe('1.536 TB-month');
    expect(formatMeasure(measure('uploaded')!, figures({ uploadedBytes: '26540000' }))).toBe('26.54 MB');
    expect(formatMeasure(measure('requests')!, figures({ requests: { put: '1', get: '12792', list: '0', other: '0', total: '12793' } }))).toBe('12,793 requests');
  });

  it('opens on the measure named, else the first one with figures', () => {
    expect(defaultMeasure('downloaded', figures()).key).toBe('downloaded');
    expect(defaultMeasure('', figures({ uploadedBytes: '5' })).key).toBe('uploaded');
    expect(defaultMeasure('', figures({ storageGbMonth: '0.000000001', uploadedBytes: '5' })).key).toBe('storage');
    expect(defaultMeasure('nonsense', figures()).key).toBe('storage');
    expect(defaultMeasure('', undefined).key).toBe('storage');
  });

  it('turns a month into the range of its view', () => {
    expect(rangeOf('2026-12', 'month')).toEqual({ from: '2026-12-01', to: '2027-01-01', group: 'day' });
    expect(rangeOf('2026-03', 'year')).toEqual({ from: '2025-04-01', to: '2026-04-01', group: 'month' });
  });
});
