import crypto from 'node:crypto';
import net from 'node:net';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { apiTokens, type ApiScope, type ApiTokenRow } from '../db/schema';

/**
 * Tokens with which billing systems call `/api/v1`: `stc_<id>_<secret>`. The id finds the row; only
 * a SHA-256 of the secret (32 random bytes, so no slow hash is needed) is stored, compared in
 * constant time. A token is shown once, when it is made.
 */

export const API_SCOPES = ['provisioning', 'usage:read', 'sso'] as const satisfies readonly ApiScope[];

/** The rate limit every token has: requests per second, and how many may come at once. */
export const RATE_PER_SECOND = 20;
export const RATE_BURST = 40;

const TOKEN_PATTERN = /^stc_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

const hashSecret = (secret: string) => crypto.createHash('sha256').update(secret).digest('hex');

export function newToken(): { id: string; secret: string; token: string } {
  const id = Array.from(crypto.randomBytes(12), (b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('');
  const secret = crypto.randomBytes(32).toString('base64url');
  return { id, secret, token: `stc_${id}_${secret}` };
}

/** `10.0.0.0/8` or `2001:db8::1`, checked; normalised as written back. */
export function parseCidr(entry: string): { address: string; prefix: number; family: 4 | 6 } | null {
  const [address, bits, extra] = entry.trim().split('/');
  const version = net.isIP(address ?? '');
  if (!version || extra !== undefined) return null;
  const family = version === 6 ? 6 : 4;
  const max = family === 6 ? 128 : 32;
  if (bits === undefined) return { address: address.toLowerCase(), prefix: max, family };
  if (!/^\d{1,3}$/.test(bits) || Number(bits) > max) return null;
  return { address: address.toLowerCase(), prefix: Number(bits), family };
}

export function addressAllowed(cidrs: readonly string[], address: string): boolean {
  if (cidrs.length === 0) return true;
  const family = net.isIP(address);
  if (!family) return false;
  const list = new net.BlockList();
  for (const entry of cidrs) {
    const c = parseCidr(entry);
    if (c) list.addSubnet(c.address, c.prefix, c.family === 6 ? 'ipv6' : 'ipv4');
  }
  return list.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

export interface NewTokenInput {
  name: string;
  scopes: ApiScope[];
  expiresAt: Date | null;
  allowedCidrs: string[];
  createdBy: string;
}

export async function createToken(db: Db, input: NewTokenInput): Promise<{ row: ApiTokenRow; token: string }> {
  const { id, secret, token } = newToken();
  const [row] = await db
    .insert(apiTokens)
    .values({ id, name: input.name, scopes: [...new Set(input.scopes)], secretHash: hashSecret(secret), allowedCidrs: input.allowedCidrs, expiresAt: input.expiresAt, createdBy: input.createdBy, rateTokens: RATE_BURST })
    .returning();
  return { row, token };
}

export const listTokens = (db: Db) => db.select().from(apiTokens).orderBy(asc(apiTokens.revokedAt), asc(apiTokens.name));

export async function findToken(db: Db, id: string): Promise<ApiTokenRow | undefined> {
  const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, id));
  return row;
}

/** Revoked at once: its next call is a 401 on every instance (nothing is cached). */
export async function revokeToken(db: Db, id: string): Promise<ApiTokenRow | undefined> {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning();
  return row;
}

export type TokenCheck =
  | { ok: true; token: ApiTokenRow }
  | { ok: false; status: 401 | 403; code: string; message: string };

/**
 * Who an `Authorization` header is. Every failure says what is wrong in words, without telling a
 * guesser whether a token id exists: an unknown id and a wrong secret read alike.
 */
export async function checkToken(db: Db, authorization: string | null, address: string, now = new Date()): Promise<TokenCheck> {
  const bearer = /^Bearer ([^\s]+)$/.exec(authorization ?? '')?.[1];
  if (!bearer) return { ok: false, status: 401, code: 'unauthenticated', message: 'Send an API token: Authorization: Bearer <token>.' };
  const parts = TOKEN_PATTERN.exec(bearer);
  const wrong = { ok: false as const, status: 401 as const, code: 'unauthenticated', message: 'This API token is not valid.' };
  if (!parts) return wrong;
  const row = await findToken(db, parts[1]);
  const given = Buffer.from(hashSecret(parts[2]), 'hex');
  const stored = Buffer.from(row?.secretHash ?? '0'.repeat(64), 'hex');
  if (!crypto.timingSafeEqual(given, stored) || !row) return wrong;
  if (row.revokedAt) return { ok: false, status: 401, code: 'token_revoked', message: `The API token “${row.name}” has been revoked.` };
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return { ok: false, status: 401, code: 'token_expired', message: `The API token “${row.name}” expired on ${row.expiresAt.toISOString()}.` };
  if (!addressAllowed(row.allowedCidrs, address)) {
    return { ok: false, status: 403, code: 'address_not_allowed', message: `The API token “${row.name}” may not be used from ${address}.` };
  }
  return { ok: true, token: row };
}

/**
 * Takes one request from the token's bucket (refilled at RATE_PER_SECOND up to RATE_BURST) in one
 * statement, so that concurrent requests on any instance are counted exactly; records the use.
 * Refused: how many seconds until a request would be allowed.
 */
export async function takeRequest(db: Db, id: string, address: string, now = new Date()): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
  const at = now.toISOString();
  const level = sql`least(${RATE_BURST}::float8, ${apiTokens.rateTokens} + greatest(0, extract(epoch from (${at}::timestamptz - ${apiTokens.rateAt}))) * ${RATE_PER_SECOND})`;
  const taken = await db
    .update(apiTokens)
    .set({ rateTokens: sql`${level} - 1`, rateAt: sql`greatest(${apiTokens.rateAt}, ${at}::timestamptz)`, lastUsedAt: now, lastUsedAddress: address })
    .where(and(eq(apiTokens.id, id), sql`${level} >= 1`))
    .returning({ id: apiTokens.id });
  if (taken.length > 0) return { ok: true };
  const [row] = await db.select({ level: sql<number>`${level}` }).from(apiTokens).where(eq(apiTokens.id, id));
  const missing = 1 - Number(row?.level ?? 0);
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(missing / RATE_PER_SECOND)) };
}
