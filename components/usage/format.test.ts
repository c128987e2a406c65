import { describe, expect, it } from 'vitest';
import { rangeOf } from '@/data/usage/queries';
import { formatWhen } from '@/lib/format';
import { formatAmount, formatCount } from './format';

describe('usage formatting', () => {
  it('reads amounts and counts', () => {
    expect([formatAmount('0.000000000'), formatAmount('1234.56789'), formatAmount('0.000012345')]).toEqual(['0', '1,234.568', '0.00001235']);
    expect(formatCount('12345678901234567890')).toBe('12,345,678,901,234,567,890');
    expect([formatWhen(null), formatWhen('2026-11-29T06:10:42Z')]).toEqual(['never', '2026-11-29 06:10 UTC']);
  });

  it('turns a month into the range of its view', () => {
    expect(rangeOf('2026-12', 'month')).toEqual({ from: '2026-12-01', to: '2027-01-01', group: 'day' });
    expect(rangeOf('2026-03', 'year')).toEqual({ from: '2025-04-01', to: '2026-04-01', group: 'month' });
  });
});
