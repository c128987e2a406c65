import 'server-only';
import { sql } from 'drizzle-orm';
import { pgArray } from '../db/arrays';
import { db } from '../db';
import { knownUsers } from '../db/schema';

/**
 * When the console first knew of each S3 user: it created the user, or first saw it in the
 * gateway's list. The gateway keeps no creation date, so this is the best date there is; it is
 * said so wherever it is shown. Kept in memory once read (dates never change). A look at a list
 * answers at once, every user not known before dated by that look; the noting and the writing of
 * those users come after the answer, a slice at a time — so that the first look at a gateway of
 * 100,000 users waits neither for 100,000 rows to be written nor for 100,000 ids to be noted.
 */
interface Known {
  dates: Map<string, string>;
  /** Looks whose ids are still to be noted and written, oldest first; `from`: the next id to note. */
  looks: { ids: readonly string[]; at: string; from: number }[];
  writing: Promise<void> | null;
}

const holder = globalThis as unknown as { staasKnownUsers?: Promise<Known> };

function loaded(): Promise<Known> {
  holder.staasKnownUsers ??= (async () => {
    const rows = await (await db()).select().from(knownUsers);
    return { dates: new Map(rows.map((r) => [r.userId, r.firstSeenAt.toISOString()])), looks: [], writing: null };
  })().catch((error: unknown) => {
    holder.staasKnownUsers = undefined;
    throw error;
  });
  return holder.staasKnownUsers;
}

/**
 * Ids per slice and rows per statement. Small enough that a statement asked meanwhile waits little
 * behind one (the database runs one statement at a time), and the writer yields between them. The
 * embedded database works on a thread of its own (lib/db/embedded-thread.ts), so requests that ask
 * it nothing do not wait for the writing at all: after a first look at 100,000 users, requests
 * asked one after another while the dates were written took at most 24 ms (3 of 172–176 over
 * 20 ms); when it ran on the console's thread, up to 107–122 ms (31 of 94–98 over 20 ms).
 */
const BATCH = 500;

/**
 * Notes the looks' ids a slice at a time, writes those not known before with the date their look
 * gave them, then reads back only the ids some other instance dated earlier (its date stands): a
 * slice costs two statements and returns almost nothing.
 */
async function write(known: Known): Promise<void> {
  const d = await db();
  while (known.looks.length > 0) {
    const look = known.looks[0];
    const batch = look.ids.slice(look.from, look.from + BATCH).filter((id) => !known.dates.has(id));
    look.from += BATCH;
    if (look.from >= look.ids.length) known.looks.shift();
    for (const id of batch) known.dates.set(id, look.at);
    if (batch.length > 0) {
      try {
        // One array parameter per statement: a bound row per id would cost more to build than to write.
        const ids = sql`${pgArray(batch)}::text[]`;
        const at = sql`${look.at}::timestamptz`;
        await d.execute(sql`insert into known_users (user_id, first_seen_at) select unnest(${ids}), ${at} on conflict do nothing`);
        const earlier = await d.select().from(knownUsers).where(sql`${knownUsers.userId} = any(${ids}) and ${knownUsers.firstSeenAt} < ${at}`);
        for (const r of earlier) known.dates.set(r.userId, r.firstSeenAt.toISOString());
      } catch (error) {
        // Not recorded: forgotten, so that the next look records them again.
        for (const id of batch) known.dates.delete(id);
        console.error(`[users] first-seen dates of ${batch.length} users could not be recorded: ${(error as Error).message}`);
      }
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * The first-seen date of each of `ids`, as a lookup: a date known before, or else the date of this
 * look, which is the one written for it (unless another instance dated it earlier: then, once
 * written, that one). With no ids, only the dates known. `firstSeenSettled` waits for the writing.
 */
export async function firstSeen(ids: readonly string[]): Promise<(id: string) => string | null> {
  const known = await loaded();
  if (ids.length === 0) return (id) => known.dates.get(id) ?? null;
  const at = new Date().toISOString();
  known.looks.push({ ids, at, from: 0 });
  startWriting(known);
  return (id) => known.dates.get(id) ?? at;
}

function startWriting(known: Known): void {
  if (known.writing) return;
  // Begun once the look has answered: its answer goes out before the first slice is made.
  known.writing = new Promise((resolve) => setImmediate(resolve))
    .then(() => write(known))
    .finally(() => {
      known.writing = null;
      // A look noted after the writer had finished its last slice.
      if (known.looks.length > 0) startWriting(known);
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
