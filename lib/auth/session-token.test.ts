import { EncryptJWT } from 'jose';
import { decode, encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { decodeSession, sessionKey } from './session-token';

/**
 * The session cookie's decoding, with next-auth's key derived once: it must take the cookies
 * next-auth issues and refuse those next-auth's own `decode` refuses, and also any cookie made
 * with an algorithm next-auth never issues.
 */
const secret = 'a session secret for these tests 0123456789';
const claims = { uid: 'staff:abc', role: 'admin', name: 'Ann Admin', issuedAt: 1_700_000_000_000 };

describe('decodeSession', () => {
  it('reads what next-auth encoded, as next-auth reads it', async () => {
    const token = await encode({ token: claims, secret, maxAge: 3600 });
    const ours = await decodeSession({ token, secret });
    expect(ours).toEqual(await decode({ token, secret }));
    expect(ours).toMatchObject(claims);
    // A salted key too (next-auth's other use of the same derivation).
    const salted = await encode({ token: claims, secret, salt: 'a salt', maxAge: 3600 });
    expect(await decodeSession({ token: salted, secret, salt: 'a salt' })).toEqual(await decode({ token: salted, secret, salt: 'a salt' }));
    expect(await decodeSession({ token: '', secret })).toBeNull();
  });

  it('refuses a cookie that next-auth refuses: tampered, for another secret, expired', async () => {
    const token = await encode({ token: claims, secret, maxAge: 3600 });
    const tampered = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const foreign = await encode({ token: claims, secret: 'another secret entirely 0123456789', maxAge: 3600 });
    const expired = await encode({ token: claims, secret, maxAge: -16 });
    for (const bad of [tampered, foreign, expired, 'garbage', `${token}x`]) {
      await expect(decode({ token: bad, secret }), bad.slice(0, 12)).rejects.toThrow();
      await expect(decodeSession({ token: bad, secret }), bad.slice(0, 12)).rejects.toThrow();
    }
    // Within next-auth's 15 s of clock tolerance, still a session.
    const justExpired = await encode({ token: claims, secret, maxAge: -5 });
    expect(await decodeSession({ token: justExpired, secret })).toMatchObject(claims);
  });

  it('refuses a cookie encrypted with another algorithm, even with the right key', async () => {
    const key = sessionKey(secret);
    const other = (alg: string, enc: string) => new EncryptJWT(claims).setProtectedHeader({ alg, enc }).setIssuedAt().setExpirationTime('1h').encrypt(key);
    // next-auth's own decode takes these; the console takes only what next-auth issues.
    for (const token of [await other('dir', 'A128CBC-HS256'), await other('PBES2-HS256+A128KW', 'A256GCM')]) {
      expect(await decode({ token, secret })).toMatchObject(claims);
      await expect(decodeSession({ token, secret })).rejects.toThrow(/not allowed/);
    }
  });

  it('derives the key once for a secret, and anew for another secret', async () => {
    const key = sessionKey(secret);
    expect(sessionKey(secret)).toBe(key);
    const other = sessionKey('a rotated secret 0123456789abcdef');
    expect(other).not.toEqual(key);
    // After a rotation, cookies of the old secret are refused and the new secret's are read.
    const token = await encode({ token: claims, secret: 'a rotated secret 0123456789abcdef', maxAge: 3600 });
    expect(await decodeSession({ token, secret: 'a rotated secret 0123456789abcdef' })).toMatchObject(claims);
    await expect(decodeSession({ token, secret })).rejects.toThrow();
  });
});
