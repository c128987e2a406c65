import 'server-only';
import { and, count, eq, gt, inArray, lt, max, min, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { signInAttempts, signInKnownAddresses } from '../db/schema';

/**
 * The sign-in lock-out, kept in the database so that it holds across console instances. Three
 * counts of failed attempts within a sliding window:
 *
 * - per account and address: the hard lock. Ten failures for one account from one address lock
 *   that address out of that account; the account itself stays open to everyone else, so nobody
 *   can lock an admin out by failing on purpose.
 * - per address, over every account: thirty failures lock the address out (guessing across many
 *   accounts from one place).
 * - per account, from every address: from the fifth failure on, attempts at the account are
 *   spaced — each waits its turn, one second more per failure, at most ten — so a guess spread
 *   over many addresses is slowed to a crawl. A queue longer than twenty seconds is refused.
 *   Addresses the account has signed in from within thirty days skip the queue.
 *
 * An attempt is counted (pending) before the password or key is checked, under a lock per account
 * and per address, so simultaneous attempts cannot check more than the limit allows.
 */

export const WINDOW_MS = 15 * 60 * 1000;
export const PAIR_LIMIT = 10;
export const ADDRESS_LIMIT = 30;
export const SPACING_FROM = 5;
export const SPACING_STEP_MS = 1000;
export const SPACING_MAX_MS = 10_000;
export const MAX_WAIT_MS = 20_000;
export const KNOWN_ADDRESS_MS = 30 * 24 * 3600 * 1000;

export type Verdict =
  | { kind: 'go'; attemptId: number; waitMs: number; accountFailures: number }
  | { kind: 'locked'; scope: 'pair' | 'address'; retryAfterSeconds: number }
  | { kind: 'busy'; retryAfterSeconds: number };

/** The pause between attempts at an account that has failed `failures` times in the window. */
export function spacingMs(failures: number): number {
  if (failures < SPACING_FROM) return 0;
  return Math.min(SPACING_MAX_MS, (failures - SPACING_FROM + 1) * SPACING_STEP_MS);
}

const LOCK_ACCOUNT = 7101;
const LOCK_ADDRESS = 7102;

const secondsUntil = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** Counts an attempt before its credentials are checked, or says why it may not be made. */
export async function reserveAttempt(db: Db, account: string, address: string, now = new Date()): Promise<Verdict> {
  const since = new Date(now.getTime() - WINDOW_MS);
  return db.transaction(async (tx): Promise<Verdict> => {
    // Account first, then address, in every transaction: no two can wait on each other.
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_ACCOUNT}, hashtext(${account}))`);
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_ADDRESS}, hashtext(${address}))`);
    const counted = (where: ReturnType<typeof and>) =>
      tx
        .select({ n: count(), oldest: min(signInAttempts.at), latest: max(signInAttempts.at) })
        .from(signInAttempts)
        .where(and(where, gt(signInAttempts.at, since)));
    const [[pair], [byAddress], [byAccount], [known]] = await Promise.all([
      counted(and(eq(signInAttempts.account, account), eq(signInAttempts.address, address))),
      counted(eq(signInAttempts.address, address)),
      counted(eq(signInAttempts.account, account)),
      tx
        .select({ n: count() })
        .from(signInKnownAddresses)
        .where(and(eq(signInKnownAddresses.account, account), eq(signInKnownAddresses.address, address), gt(signInKnownAddresses.lastAt, new Date(now.getTime() - KNOWN_ADDRESS_MS)))),
    ]);
    // (A count at its limit has an oldest row.)
    const leavesWindow = (oldest: Date | null) => secondsUntil(oldest!.getTime() + WINDOW_MS - now.getTime());
    if (pair.n >= PAIR_LIMIT) return { kind: 'locked', scope: 'pair', retryAfterSeconds: leavesWindow(pair.oldest) };
    if (byAddress.n >= ADDRESS_LIMIT) return { kind: 'locked', scope: 'address', retryAfterSeconds: leavesWindow(byAddress.oldest) };
    const spacing = known.n > 0 ? 0 : spacingMs(byAccount.n);
    const slot = spacing > 0 && byAccount.latest ? Math.max(now.getTime(), byAccount.latest.getTime() + spacing) : now.getTime();
    const waitMs = slot - now.getTime();
    if (waitMs > MAX_WAIT_MS) return { kind: 'busy', retryAfterSeconds: secondsUntil(waitMs - MAX_WAIT_MS) };
    const [row] = await tx.insert(signInAttempts).values({ account, address, at: new Date(slot), state: 'pending' }).returning({ id: signInAttempts.id });
    // Rows that have left the window are no longer read: trimmed as we go.
    await tx.delete(signInAttempts).where(and(lt(signInAttempts.at, since), inArray(signInAttempts.account, [account])));
    return { kind: 'go', attemptId: row.id, waitMs, accountFailures: byAccount.n };
  });
}

/**
 * What came of a reserved attempt: `failed` keeps it counted; `ok` removes it and the pair's
 * earlier failures, and remembers the address; `void` (the check could not be made, say the
 * gateway was down) removes it without counting.
 */
export async function settleAttempt(db: Db, attemptId: number, outcome: 'ok' | 'failed' | 'void', who: { account: string; address: string }, now = new Date()): Promise<void> {
  if (outcome === 'failed') {
    await db.update(signInAttempts).set({ state: 'failed' }).where(eq(signInAttempts.id, attemptId));
    return;
  }
  await db.delete(signInAttempts).where(eq(signInAttempts.id, attemptId));
  if (outcome === 'ok') {
    await db.delete(signInAttempts).where(and(eq(signInAttempts.account, who.account), eq(signInAttempts.address, who.address)));
    await db
      .insert(signInKnownAddresses)
      .values({ account: who.account, address: who.address, lastAt: now })
      .onConflictDoUpdate({ target: [signInKnownAddresses.account, signInKnownAddresses.address], set: { lastAt: now } });
  }
}
