import { describe, expect, it } from 'vitest';
import { HOSTILE_CALLBACKS } from '../testing/hostile-callbacks';
import { safeCallbackUrl, safeRedirect } from './callback-url';

describe('safeCallbackUrl', () => {
  it('keeps the console’s own pages, with their query', () => {
    expect(safeCallbackUrl('/users?q=a')).toBe('/users?q=a');
    expect(safeCallbackUrl('/users/0123456789abcdef')).toBe('/users/0123456789abcdef');
    expect(safeCallbackUrl('/audit?actor=x&action=auth.*')).toBe('/audit?actor=x&action=auth.*');
    expect(safeCallbackUrl('/usage/statistics')).toBe('/usage/statistics');
    expect(safeCallbackUrl('/me')).toBe('/me');
    expect(safeCallbackUrl('/users/./x')).toBe('/users/x');
    expect(safeCallbackUrl('/')).toBe('/');
  });

  it.each(HOSTILE_CALLBACKS.map((v) => [v]))('sends %j home', (raw) => {
    const safe = safeCallbackUrl(raw);
    expect(safe).toBe('/');
  });

  it('sends nothing that is not a string home any other way', () => {
    for (const v of [null, undefined, 42 as unknown as string, ['/users'] as unknown as string]) expect(safeCallbackUrl(v)).toBe('/');
  });
});

describe('safeRedirect (next-auth’s redirect rule)', () => {
  const base = 'http://localhost:3000';
  it('keeps the console’s own addresses and nothing else', () => {
    expect(safeRedirect('/users', base)).toBe('http://localhost:3000/users');
    expect(safeRedirect('http://localhost:3000/audit?x=1', base)).toBe('http://localhost:3000/audit?x=1');
    expect(safeRedirect('http://localhost:3000.evil.example/', base)).toBe('http://localhost:3000/');
    expect(safeRedirect('https://localhost:3000/users', base)).toBe('http://localhost:3000/');
    expect(safeRedirect('not a url', base)).toBe('http://localhost:3000/');
    for (const v of HOSTILE_CALLBACKS) expect(safeRedirect(v, base)).toBe('http://localhost:3000/');
  });
});

describe('safeCallbackUrl, edge by edge', () => {
  it.each(['/users', '/buckets', '/usage', '/plans', '/audit', '/staff', '/settings', '/me'])('keeps the console page %s', (page) => {
    expect(safeCallbackUrl(`${page}/x?y=1`)).toBe(`${page}/x?y=1`);
  });

  it('takes up to 2048 characters, no more', () => {
    const at = `/users?q=${'a'.repeat(2048 - 9)}`;
    expect(safeCallbackUrl(at)).toBe(at);
    expect(safeCallbackUrl(`${at}a`)).toBe('/');
  });

  it('refuses what a browser would read differently from what was checked', () => {
    expect(safeCallbackUrl('/users\n')).toBe('/');
    expect(safeCallbackUrl('/users\u007f')).toBe('/');
    expect(safeCallbackUrl('/users\\x')).toBe('/');
    // Not parseable as a URL at all.
    expect(safeCallbackUrl('//[')).toBe('/');
    // Another origin, even if its path looks like one of ours; a relative path that is not rooted.
    expect(safeCallbackUrl('//evil.example/users')).toBe('/');
    expect(safeCallbackUrl('users')).toBe('/');
  });

  it('next-auth’s redirect keeps the base address as it is, without a doubled slash', () => {
    expect(safeRedirect('/users', 'http://localhost:3000/')).toBe('http://localhost:3000/users');
    expect(safeRedirect('http://localhost:3000/me', 'http://localhost:3000//')).toBe('http://localhost:3000/me');
    expect(safeRedirect('http://localhost:3000/me?x=1', 'http://localhost:3000')).toBe('http://localhost:3000/me?x=1');
    expect(safeRedirect('https://evil.example/users', 'http://localhost:3000')).toBe('http://localhost:3000/');
    expect(safeRedirect('http://[', 'http://localhost:3000')).toBe('http://localhost:3000/');
  });
});
