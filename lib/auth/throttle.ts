import { and, count, eq, gt, lt, or } from 'drizzle-orm';
import type { Db } from '../db/client';
import { signInFailures } from '../db/schema';

export const WINDOW_MS = 15 * 60 * 1000;
/** Failures allowed per account and per address within the window; the next attempt is refused. */
export const MAX_FAILURES = 10;

/**
 * Sign-in throttling kept in the database, so it holds across console instances: after ten
 * failures within 15 minutes for an account or from an address, every attempt is refused, even
 * with the right password, until the window has passed.
 */
export async function isLockedOut(db: Db, account: string, address: string, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - WINDOW_MS);
  const [byAccount] = await db.select({ n: count() }).from(signInFailures).where(and(eq(signInFailures.account, account), gt(signInFailures.at, since)));
  if (byAccount.n >= MAX_FAILURES) return true;
  const [byAddress] = await db.select({ n: count() }).from(signInFailures).where(and(eq(signInFailures.address, address), gt(signInFailures.at, since)));
  return byAddress.n >= MAX_FAILURES;
}

export async function recordFailure(db: Db, account: string, address: string, now = new Date()): Promise<void> {
  await db.insert(signInFailures).values({ account, address, at: now });
  // Old rows are no longer read: trim them as we go.
  await db.delete(signInFailures).where(and(lt(signInFailures.at, new Date(now.getTime() - 2 * WINDOW_MS)), or(eq(signInFailures.account, account), eq(signInFailures.address, address))));
}
