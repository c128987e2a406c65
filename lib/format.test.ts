import { describe, expect, it } from 'vitest';
import { compareText, formatBytes, formatNumber, formatSmall } from './format';

describe('formatBytes', () => {
  it('uses decimal units', () => {
    expect(formatBytes('0')).toBe('0 B');
    expect(formatBytes('999')).toBe('999 B');
    expect(formatBytes('12288')).toBe('12.3 kB');
    expect(formatBytes('1000000000')).toBe('1.00 GB');
    expect(formatBytes('2600000000000000000')).toBe('2600.0 PB');
  });
});

/** Numbers of every size and sign, whole and not, from a fixed seed (the same every run). */
function samples(count: number, exponents: [number, number]): number[] {
  let seed = 20261130;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const value = (next() - 0.4) * 10 ** Math.floor(exponents[0] + next() * (exponents[1] - exponents[0]));
    out.push(i % 3 === 0 ? Math.round(value) : i % 3 === 1 ? Math.round(value * 100) / 100 : value);
  }
  return out;
}

describe('formatNumber', () => {
  it('groups digits by three and keeps at most three decimals, trailing zeros dropped', () => {
    expect([0, 7, 999, 1000, 1234567, -1000, 3600.5, 3600.25, 0.5, 1234.5675, 999999.9995].map((n) => formatNumber(n))).toEqual([
      '0',
      '7',
      '999',
      '1,000',
      '1,234,567',
      '-1,000',
      '3,600.5',
      '3,600.25',
      '0.5',
      '1,234.568',
      '1,000,000',
    ]);
  });

  it('rounds half away from zero from the shortest decimal form, as people read the number', () => {
    // 1.0005 is stored as 1.000499999…; it is written, and read, as 1.0005.
    expect([formatNumber(1.0005), formatNumber(-2.0005), formatNumber(0.0005), formatNumber(2.5, 0)]).toEqual(['1.001', '-2.001', '0.001', '3']);
    expect(formatNumber(-0.0004)).toBe('0');
  });

  it('writes large numbers in full, never with an exponent', () => {
    expect(formatNumber(1e21)).toBe('1,000,000,000,000,000,000,000');
    expect(formatNumber(12345678901234567000)).toBe('12,345,678,901,234,567,000');
  });

  it('keeps whole numbers given as a bigint or a decimal string exact at any size', () => {
    expect(formatNumber(2n ** 64n)).toBe('18,446,744,073,709,551,616');
    expect(formatNumber('123456789012345678901234567890')).toBe('123,456,789,012,345,678,901,234,567,890');
    expect(formatNumber('-1000')).toBe('-1,000');
    // Not a whole number: shown as given.
    expect(formatNumber('12.5 GB')).toBe('12.5 GB');
  });

  it('names what is not a number', () => {
    expect([formatNumber(Infinity), formatNumber(-Infinity), formatNumber(NaN)]).toEqual(['∞', '-∞', 'NaN']);
  });

  it("reads as toLocaleString('en') reads, over numbers of every size", () => {
    for (const n of samples(20_000, [-12, 30])) {
      const expected = n.toLocaleString('en');
      expect(formatNumber(n), String(n)).toBe(expected === '-0' ? '0' : expected);
    }
  });
});

describe('formatSmall', () => {
  it('gives four significant digits of a small number without an exponent', () => {
    expect([formatSmall(0.000012345, 4), formatSmall(1e-7, 4), formatSmall(0.5, 4), formatSmall(-0.00123456, 4), formatSmall(0.99995, 4)]).toEqual([
      '0.00001235',
      '0.0000001',
      '0.5',
      '-0.001235',
      '1',
    ]);
  });

  it('reads a number of 1 or more as formatNumber does', () => {
    expect(formatSmall(1234.56789, 4)).toBe('1,234.568');
  });

  it("reads as toLocaleString('en', { maximumSignificantDigits }) reads, over small numbers", () => {
    for (const n of samples(20_000, [-40, 0]).filter((v) => v !== 0 && Math.abs(v) < 1)) {
      expect(formatSmall(n, 4), String(n)).toBe(n.toLocaleString('en', { maximumSignificantDigits: 4 }));
    }
  });
});

describe('compareText', () => {
  it('orders by code point, as PostgreSQL’s collate "C": punctuation, digits, capitals, then small letters', () => {
    expect(['b', 'a-1', 'B', 'a.1', 'a1', '1', 'a', 'é'].sort(compareText)).toEqual(['1', 'B', 'a', 'a-1', 'a.1', 'a1', 'b', 'é']);
    expect(compareText('same', 'same')).toBe(0);
    expect(compareText('1000000000000007', '1000000000000008')).toBeLessThan(0);
    expect(compareText('photos-2', 'photos-10')).toBeGreaterThan(0);
  });
});
