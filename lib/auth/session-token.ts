import crypto from 'node:crypto';
import { jwtDecrypt } from 'jose';
import { getToken, type GetTokenParams, type JWT, type JWTDecodeParams } from 'next-auth/jwt';

/** What next-auth names the key it encrypts sessions with, when it derives it from the secret. */
const KEY_INFO = 'NextAuth.js Generated Encryption Key';

let derived: { secret: string | Buffer; salt: string; key: Uint8Array } | null = null;

/**
 * The key next-auth encrypts session cookies with: derived from the secret by HKDF-SHA256, as
 * next-auth derives it, but once for the secret rather than at every decode (80 µs of every
 * request's 2–5 ms). A new secret is derived anew.
 */
export function sessionKey(secret: string | Buffer, salt = ''): Uint8Array {
  if (derived?.secret !== secret || derived.salt !== salt) {
    derived = { secret, salt, key: new Uint8Array(crypto.hkdfSync('sha256', secret, salt, salt ? `${KEY_INFO} (${salt})` : KEY_INFO, 32)) };
  }
  return derived.key;
}

/**
 * next-auth's `decode` for `getToken`, with the key derived once: the session cookie decrypted
 * and its times checked as next-auth does (15 s of clock tolerance). Only the algorithms next-auth
 * encrypts with are taken (the key used directly, AES-256-GCM): a cookie naming another, such as a
 * password-based one that would make every check run thousands of hash rounds, is refused before
 * any work. Throws on a cookie that does not decrypt or has expired; `getToken` then answers no
 * session.
 */
export async function decodeSession({ token, secret, salt = '' }: JWTDecodeParams): Promise<JWT | null> {
  if (!token) return null;
  const { payload } = await jwtDecrypt(token, sessionKey(secret, salt), { clockTolerance: 15, keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] });
  return payload as JWT;
}

/**
 * The session cookie's claims, or null when there is none or it does not decode: `getToken` with
 * the console's decoder, for every reader of the cookie (the session check, the page proxy,
 * sign-out's audit; next-auth's own routes take the decoder from the auth options).
 */
export function sessionClaims(req: GetTokenParams['req'], secret: string | undefined): Promise<JWT | null> {
  return getToken({ req, secret, decode: decodeSession }).catch(() => null);
}
