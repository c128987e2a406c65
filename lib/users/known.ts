import 'server-only';
import { inArray, sql } from 'drizzle-orm';
import { db } from '../db';
import { knownUsers } from '../db/schema';

/**
 * When the console first knew of each S3 user: it created the user, or first saw it in the
 * gateway's list. The gateway keeps no creation date, so this is the best date there is; it is
 * said so wherever it is shown. Kept in memory once read (dates never change) and written only
 * for users not seen before.
 */
const holder = globalThis as unknown as { staasKnownUsers?: Map<string, string> };

async function loaded(): Promise<Map<string, string>> {
  if (!holder.staasKnownUsers) {
    const rows = await (await db()).select().from(knownUsers);
    holder.staasKnownUsers = new Map(rows.map((r) => [r.userId, r.firstSeenAt.toISOString()]));
  }
  return holder.staasKnownUsers;
}

/** The first-seen date of every id given, recording now for those never seen before. */
export async function firstSeen(ids: readonly string[]): Promise<Map<string, string>> {
  const known = await loaded();
  const fresh = ids.filter((id) => !known.has(id));
  const d = await db();
  for (let i = 0; i < fresh.length; i += 5000) {
    const batch = fresh.slice(i, i + 5000);
    await d.insert(knownUsers).values(batch.map((userId) => ({ userId }))).onConflictDoNothing();
    // Another instance may have seen some first: its date stands.
    const rows = await d.select().from(knownUsers).where(inArray(knownUsers.userId, batch));
    for (const r of rows) known.set(r.userId, r.firstSeenAt.toISOString());
  }
  return known;
}

/** A user the console has just created: known from now. */
export async function recordNewUser(userId: string): Promise<void> {
  await (await db()).insert(knownUsers).values({ userId }).onConflictDoUpdate({ target: knownUsers.userId, set: { firstSeenAt: sql`least(${knownUsers.firstSeenAt}, now())` } });
  (await loaded()).delete(userId);
}
