import { describe, expect, it } from 'vitest';
import { safeCallbackUrl } from './callback-url';

describe('safeCallbackUrl', () => {
  it('keeps paths on this console', () => {
    expect(safeCallbackUrl('/users?q=a')).toBe('/users?q=a');
    expect(safeCallbackUrl('/users/0123456789abcdef')).toBe('/users/0123456789abcdef');
  });

  it.each(['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', '', null, '/api/users', 'evil'])('sends %s home', (raw) => {
    expect(safeCallbackUrl(raw)).toBe('/');
  });
});
