import 'server-only';
import { sql } from 'drizzle-orm';
import { pgArray } from '../db/arrays';
import { db } from '../db';
import { knownUsers } from '../db/schema';

/**
 * When the console first knew of each S3 user: it created the user, or first saw it in the
 * gateway's list. The gateway keeps no creation date, so this is the best date there is; it is
 * said so wherever it is shown. Kept in memory once read (dates never change) and written only
 * for users not seen before — after the answer, so that the first look at a gateway of 100,000
 * users does not wait for 100,000 rows to be written.
 */
interface Known {
  dates: Map<string, string>;
  /** Ids seen here and not yet written, and the write under way. */
  pending: Set<string>;
  writing: Promise<void> | null;
}

const holder = globalThis as unknown as { staasKnownUsers?: Promise<Known> };

function loaded(): Promise<Known> {
  holder.staasKnownUsers ??= (async () => {
    const rows = await (await db()).select().from(knownUsers);
    return { dates: new Map(rows.map((r) => [r.userId, r.firstSeenAt.toISOString()])), pending: new Set<string>(), writing: null };
  })().catch((error: unknown) => {
    holder.staasKnownUsers = undefined;
    throw error;
  });
  return holder.staasKnownUsers;
}

/**
 * Rows per statement. Small enough that a request waits little behind one (the embedded database
 * runs on the console's own thread), and the writer yields between them.
 */
const BATCH = 2000;

/**
 * Writes the pending ids with the date they were given here, then reads back only the ids some
 * other instance dated earlier (its date stands): a batch costs two statements and returns
 * almost nothing.
 */
async function write(known: Known): Promise<void> {
  const d = await db();
  while (known.pending.size > 0) {
    // Ids noted by one look share its date: a batch is taken from one look.
    const batch: string[] = [];
    let dated = '';
    for (const id of known.pending) {
      const date = known.dates.get(id)!;
      if (batch.length > 0 && date !== dated) break;
      dated = date;
      if (batch.push(id) === BATCH) break;
    }
    try {
      // One array parameter per statement: building 2,000 bound rows would cost more than writing them.
      const ids = sql`${pgArray(batch)}::text[]`;
      const at = sql`${dated}::timestamptz`;
      await d.execute(sql`insert into known_users (user_id, first_seen_at) select unnest(${ids}), ${at} on conflict do nothing`);
      const earlier = await d.select().from(knownUsers).where(sql`${knownUsers.userId} = any(${ids}) and ${knownUsers.firstSeenAt} < ${at}`);
      for (const r of earlier) known.dates.set(r.userId, r.firstSeenAt.toISOString());
    } catch (error) {
      // Not recorded: forgotten, so that the next look records them again.
      for (const id of batch) known.dates.delete(id);
      console.error(`[users] first-seen dates of ${batch.length} users could not be recorded: ${(error as Error).message}`);
    }
    for (const id of batch) known.pending.delete(id);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * The first-seen date of every id given. Ids never seen before are dated now at once and written
 * in the background; `firstSeenSettled` waits for that write.
 */
export async function firstSeen(ids: readonly string[]): Promise<Map<string, string>> {
  const known = await loaded();
  const now = new Date().toISOString();
  let fresh = false;
  for (const id of ids) {
    if (known.dates.has(id)) continue;
    known.dates.set(id, now);
    known.pending.add(id);
    fresh = true;
  }
  if (fresh) startWriting(known);
  return known.dates;
}

function startWriting(known: Known): void {
  if (known.writing) return;
  known.writing = write(known).finally(() => {
    known.writing = null;
    // Ids noted after the last batch was taken.
    if (known.pending.size > 0) startWriting(known);
  });
}

/** Waits until every first-seen date noted so far is written. */
export async function firstSeenSettled(): Promise<void> {
  const known = await loaded();
  while (known.writing) await known.writing;
}

/** A user the console has just created: known from now. */
export async function recordNewUser(userId: string): Promise<void> {
  const [row] = await (await db())
    .insert(knownUsers)
    .values({ userId })
    .onConflictDoUpdate({ target: knownUsers.userId, set: { firstSeenAt: sql`least(${knownUsers.firstSeenAt}, now())` } })
    .returning();
  (await loaded()).dates.set(userId, row.firstSeenAt.toISOString());
}
