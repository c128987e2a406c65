import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError } from './errors';
import { body, nulPath, query } from './input';

/** What every route's input passes through: found by fuzzing (a NUL in `?bucket=` was a 500). */

const refusal = async (fn: () => unknown) => {
  try {
    await fn();
  } catch (error) {
    return error as ApiError;
  }
  throw new Error('not refused');
};

describe('a NUL character, which PostgreSQL cannot store in text, is refused in words wherever input arrives', () => {
  it('in a query string', async () => {
    const req = new NextRequest('http://x/api/usage?bucket=%00&month=2026-11');
    const error = await refusal(() => query(req, z.object({ bucket: z.string().optional(), month: z.string() })));
    expect(error).toBeInstanceOf(ApiError);
    expect([error.status, error.fields]).toEqual([422, { bucket: 'Contains a NUL character.' }]);
  });

  it('in a JSON body, however deep, in a value or a key', async () => {
    for (const [value, path] of [
      [{ name: 'a\u0000b' }, 'name'],
      [{ scopes: ['ok', 'x\u0000'] }, 'scopes.1'],
      [{ nested: { ['k\u0000']: 1 } }, 'nested.k\u0000'],
    ] as const) {
      const req = new NextRequest('http://x/api/tokens', { method: 'POST', body: JSON.stringify(value) });
      const error = await refusal(() => body(req, z.any()));
      expect(error.status).toBe(422);
      expect(Object.keys(error.fields ?? {})).toEqual([path]);
    }
    expect(nulPath({ fine: ['a', { b: 'c' }], n: 1, t: true, z: null })).toBeNull();
  });

  it('lets ordinary text through', async () => {
    const req = new NextRequest('http://x/api/tokens?q=caf%C3%A9', { method: 'POST', body: JSON.stringify({ name: 'Café ☕' }) });
    expect(await body(req, z.object({ name: z.string() }))).toEqual({ name: 'Café ☕' });
    expect(query(req, z.object({ q: z.string() }))).toEqual({ q: 'café' });
  });
});
