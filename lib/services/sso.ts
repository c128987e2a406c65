import 'server-only';
import crypto from 'node:crypto';
import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import { env } from '../config/env';
import type { Db } from '../db/client';
import { ssoTickets, type ServiceRow } from '../db/schema';

/**
 * One-time sign-in addresses for a service's customer: `<console>/sso/<ticket>`. The ticket is 32
 * random bytes; only its hash is stored, with the S3 user it is bound to. It is valid for
 * SSO_TTL_SECONDS and works once: the first use marks it used in the same statement that checks
 * it, so two uses at the same moment cannot both sign in. It holds no secret of the user's.
 */

export const SSO_TTL_SECONDS = 60;

const hash = (ticket: string) => crypto.createHash('sha256').update(ticket).digest('hex');

export async function createSsoTicket(database: Db, row: ServiceRow, now = new Date()): Promise<{ url: string; expiresAt: string }> {
  const ticket = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SSO_TTL_SECONDS * 1000);
  await database.insert(ssoTickets).values({ hash: hash(ticket), serviceId: row.serviceId, userId: row.userId!, expiresAt, createdAt: now });
  // Old tickets are of no use to anyone: cleared as new ones are made.
  await database.delete(ssoTickets).where(lt(ssoTickets.expiresAt, new Date(now.getTime() - 3600_000)));
  return { url: `${env().NEXTAUTH_URL.replace(/\/$/, '')}/sso/${ticket}`, expiresAt: expiresAt.toISOString() };
}

export type TicketUse = { ok: true; serviceId: string; userId: string } | { ok: false; reason: 'invalid' | 'used' | 'expired'; why: string };

export async function redeemSsoTicket(database: Db, ticket: string, now = new Date()): Promise<TicketUse> {
  const invalid = { ok: false as const, reason: 'invalid' as const, why: 'This sign-in link is not valid.' };
  if (!/^[A-Za-z0-9_-]{43}$/.test(ticket)) return invalid;
  const [used] = await database
    .update(ssoTickets)
    .set({ usedAt: now })
    .where(and(eq(ssoTickets.hash, hash(ticket)), isNull(ssoTickets.usedAt), gt(ssoTickets.expiresAt, now)))
    .returning();
  if (used) return { ok: true, serviceId: used.serviceId, userId: used.userId };
  const [seen] = await database.select().from(ssoTickets).where(eq(ssoTickets.hash, hash(ticket)));
  if (!seen) return invalid;
  if (seen.usedAt) return { ok: false, reason: 'used', why: 'This sign-in link has been used already: each link signs in once. Open your storage again from your billing account.' };
  return { ok: false, reason: 'expired', why: `This sign-in link has expired (links are valid for ${SSO_TTL_SECONDS} seconds). Open your storage again from your billing account.` };
}
