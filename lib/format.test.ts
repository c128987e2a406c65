import { describe, expect, it } from 'vitest';
import { formatBytes } from './format';

describe('formatBytes', () => {
  it('uses decimal units', () => {
    expect(formatBytes('0')).toBe('0 B');
    expect(formatBytes('999')).toBe('999 B');
    expect(formatBytes('12288')).toBe('12.3 kB');
    expect(formatBytes('1000000000')).toBe('1.00 GB');
    expect(formatBytes('2600000000000000000')).toBe('2600.0 PB');
  });
});
