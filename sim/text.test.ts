import { describe, expect, it } from 'vitest';
import { byCodeUnits } from './text';

describe('byCodeUnits', () => {
  it('orders by code units, upper case before lower, and keeps equal names equal', () => {
    expect(byCodeUnits('a', 'b')).toBe(-1);
    expect(byCodeUnits('b', 'a')).toBe(1);
    expect(byCodeUnits('acl', 'acl')).toBe(0);
    expect(['versionId', 'acl', 'Z', 'partNumber'].sort(byCodeUnits)).toEqual(['Z', 'acl', 'partNumber', 'versionId']);
  });
});
