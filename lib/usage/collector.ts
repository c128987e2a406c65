import 'server-only';
import crypto from 'node:crypto';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { pgArray } from '../db/arrays';
import type { Database, Db } from '../db/client';
import { usageObjects, type UsageObjectRow } from '../db/schema';
import type { GatewayConnection } from '../gateway/request';
import { deleteStatisticsObject, listStatisticsObjects, readStatisticsObject } from '../gateway/usage';
import type { CollectProgress } from './contract';
import { parseObjectName, parseStatisticsObject, stillGrowing, type ObjectName, type StatisticsObject } from './statistics-object';

const BAD_NAME = 'the name is not a statistics object name';

/** The advisory lock key of the collector: one collector at a time across all console instances. */
export const COLLECTOR_LOCK = 0x5354_4153; // "STAS"

/** Read but not usable this time (garbled, cut short, failed) counts as `failing`: tried again on the next run. */
export type Progress = CollectProgress;

export interface CollectOptions {
  conn?: GatewayConnection;
  now?: () => Date;
  concurrency?: number;
  onProgress?: (p: Progress) => void;
  /** Stops taking new objects (those under way finish): the run ends `interrupted`, to be run again. */
  signal?: AbortSignal;
}

export type CollectResult = ({ status: 'done' | 'interrupted' } & Progress) | { status: 'busy' };

const ITEM_BATCH = 2000;
const NOTE_BATCH = 200;

type Item = StatisticsObject['items'][number];
const COUNTERS = ['put', 'get', 'list', 'other', 'uploaded', 'downloaded'] as const;

/**
 * Adds an object's items to the daily traffic, summed per bucket, epoch and user, in the
 * transaction that records the object. Rows are written in key order, so that two transactions
 * touching the same rows wait for each other rather than deadlock.
 */
async function addToDaily(tx: Pick<Db, 'execute'>, start: Date, items: Item[]): Promise<void> {
  const sums = new Map<string, { bucket: string; epoch: bigint; userId: string; c: Record<(typeof COUNTERS)[number], bigint> }>();
  for (const item of items) {
    const key = JSON.stringify([item.key.bucket, item.key.epoch.toString(), item.key.user_id]);
    let row = sums.get(key);
    if (!row) sums.set(key, (row = { bucket: item.key.bucket, epoch: item.key.epoch, userId: item.key.user_id, c: { put: 0n, get: 0n, list: 0n, other: 0n, uploaded: 0n, downloaded: 0n } }));
    row.c.put += item.counters.ops.put;
    row.c.get += item.counters.ops.get;
    row.c.list += item.counters.ops.list;
    row.c.other += item.counters.ops.other;
    row.c.uploaded += item.counters.net_io.uploaded;
    row.c.downloaded += item.counters.net_io.downloaded;
  }
  const rows = [...sums.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
  for (let i = 0; i < rows.length; i += ITEM_BATCH) {
    const batch = rows.slice(i, i + ITEM_BATCH);
    const counter = (name: (typeof COUNTERS)[number]) => sql`${pgArray(batch.map((r) => r.c[name]))}::numeric[]`;
    await tx.execute(sql`
      insert into usage_daily (day, bucket, epoch, user_id, ops_put, ops_get, ops_list, ops_other, bytes_uploaded, bytes_downloaded)
      select ${start.toISOString().slice(0, 10)}::date, u.bucket, u.epoch, u.user_id, u.put, u.get, u.list, u.other, u.uploaded, u.downloaded from unnest(
        ${pgArray(batch.map((r) => r.bucket))}::text[], ${pgArray(batch.map((r) => r.epoch))}::bigint[], ${pgArray(batch.map((r) => r.userId))}::text[],
        ${sql.join(COUNTERS.map(counter), sql`, `)}) with ordinality as u(bucket, epoch, user_id, put, get, list, other, uploaded, downloaded, n)
      order by u.n
      on conflict (day, bucket, epoch, user_id) do update set
        ops_put = usage_daily.ops_put + excluded.ops_put, ops_get = usage_daily.ops_get + excluded.ops_get,
        ops_list = usage_daily.ops_list + excluded.ops_list, ops_other = usage_daily.ops_other + excluded.ops_other,
        bytes_uploaded = usage_daily.bytes_uploaded + excluded.bytes_uploaded, bytes_downloaded = usage_daily.bytes_downloaded + excluded.bytes_downloaded`);
  }
}

/** What the ledger holds of these statistics objects, by name (asked a thousand names at a time). */
export async function ledgerEntries(db: Db, names: readonly string[]): Promise<Map<string, UsageObjectRow>> {
  const known = new Map<string, UsageObjectRow>();
  for (let i = 0; i < names.length; i += 1000) {
    for (const r of await db.select().from(usageObjects).where(inArray(usageObjects.name, names.slice(i, i + 1000)))) known.set(r.name, r);
  }
  return known;
}

/**
 * Collects statistics objects exactly once. For each object: read it, store its items and its
 * name in one transaction, commit, and only then delete it on the gateway. The name is the
 * ledger's key, so a crash at any moment loses nothing and counts nothing twice: an object
 * committed but not deleted is deleted on the next run; one not committed is read again. Objects
 * that may still grow are left for the next run.
 *
 * A read that goes wrong — a garbled or cut-short answer, a timeout, a failure — says nothing
 * about the object: it is noted (`failing`, with the attempt count and the error) and read again
 * on the next run. Only an object whose body arrived whole (its length matching Content-Length)
 * and failed to parse, identical, on two runs is quarantined: kept on the gateway, never deleted
 * by the collector, until an admin retries or deletes it.
 */
export async function collectUsage(database: Database, options: CollectOptions = {}): Promise<CollectResult> {
  const release = await database.tryLock(COLLECTOR_LOCK);
  if (!release) return { status: 'busy' };
  try {
    const progress = await run(database, options);
    return { status: options.signal?.aborted ? 'interrupted' : 'done', ...progress };
  } finally {
    await release();
  }
}

async function run(database: Database, options: CollectOptions): Promise<Progress> {
  const { db } = database;
  const now = options.now ?? (() => new Date());
  const names = await listStatisticsObjects(options.conn);
  const progress: Progress = { total: names.length, done: 0, collected: 0, deleted: 0, skipped: 0, failing: 0, quarantined: 0, errors: [] };
  const report = () => options.onProgress?.({ ...progress, errors: [...progress.errors] });
  report();

  const known = await ledgerEntries(db, names);

  // A run killed between deleting an object on the gateway and noting it here left the note out:
  // committed objects that the gateway no longer lists were deleted.
  const listed = new Set(names);
  const unnoted = await db.select({ name: usageObjects.name }).from(usageObjects).where(and(eq(usageObjects.status, 'collected'), isNull(usageObjects.deletedAt)));
  const gone = unnoted.map((r) => r.name).filter((n) => !listed.has(n));
  for (let i = 0; i < gone.length; i += 1000) {
    await db.update(usageObjects).set({ deletedAt: new Date() }).where(inArray(usageObjects.name, gone.slice(i, i + 1000)));
  }

  /** A read that went wrong: counted on the object, tried again next run (or quarantined, see above). */
  const noteFailure = async (name: string, parsedName: ObjectName, reason: string, failedBody: string | null, quarantine: boolean) => {
    await db
      .insert(usageObjects)
      .values({ name, serviceId: parsedName.serviceId, startAt: parsedName.start, nominalPeriod: parsedName.nominalPeriodSeconds, status: quarantine ? 'quarantined' : 'failing', reason, attempts: 1, failedBodySha256: failedBody })
      .onConflictDoUpdate({
        target: usageObjects.name,
        set: { status: quarantine ? 'quarantined' : 'failing', reason, attempts: sql`${usageObjects.attempts} + 1`, failedBodySha256: failedBody },
        setWhere: sql`${usageObjects.status} = 'failing'`,
      });
    if (quarantine) progress.quarantined += 1;
    else progress.failing += 1;
  };

  const one = async (name: string) => {
    const parsedName = parseObjectName(name);
    const ledger = known.get(name);
    if (ledger?.status === 'quarantined') {
      progress.skipped += 1;
      return;
    }
    if (ledger?.status !== 'collected') {
      if (!parsedName) {
        // A name that is not a statistics object's can never be collected: kept aside at once.
        await db
          .insert(usageObjects)
          .values({ name, serviceId: 'unknown', startAt: new Date(0), nominalPeriod: 0, status: 'quarantined', reason: BAD_NAME })
          .onConflictDoNothing();
        progress.quarantined += 1;
        return;
      }
      if (stillGrowing(parsedName, now())) {
        progress.skipped += 1;
        return;
      }
      let read: { text: string; intact: boolean | null };
      try {
        read = await readStatisticsObject(name, options.conn);
      } catch (error) {
        await noteFailure(name, parsedName, `reading it failed: ${error instanceof Error ? error.message : String(error)}`, null, false);
        throw error;
      }
      const parsed = parseStatisticsObject(read.text);
      if (!parsed.ok) {
        // Only a body that arrived whole is evidence about the object; the same one twice is a verdict.
        const hash = read.intact ? crypto.createHash('sha256').update(read.text).digest('hex') : null;
        const again = hash !== null && ledger?.status === 'failing' && ledger.failedBodySha256 === hash;
        const why = read.intact === false ? `${parsed.reason}; the answer was cut short (its length did not match Content-Length)` : parsed.reason;
        await noteFailure(name, parsedName, again ? `${why} — the same complete body on two runs` : why, hash, again);
        return;
      }
      const object = parsed.object;
      const settled = await db.transaction(async (tx) => {
        const recorded = await tx
          .insert(usageObjects)
          .values({
            name,
            serviceId: parsedName.serviceId,
            startAt: parsedName.start,
            nominalPeriod: parsedName.nominalPeriodSeconds,
            period: object.period,
            items: object.items.length,
            status: 'collected',
          })
          // A failing object becomes collected; one collected already (by another run) stays as it is.
          .onConflictDoUpdate({
            target: usageObjects.name,
            set: { status: 'collected', period: object.period, items: object.items.length, reason: null, failedBodySha256: null, collectedAt: new Date() },
            setWhere: sql`${usageObjects.status} = 'failing'`,
          })
          .returning({ name: usageObjects.name });
        // Another run committed this object first (or an admin quarantined it): its items are not ours to count.
        if (recorded.length === 0) return false;
        // Column by column, as arrays: one statement per batch whatever the number of items.
        for (let i = 0; i < object.items.length; i += ITEM_BATCH) {
          const batch = object.items.slice(i, i + ITEM_BATCH);
          const column = (pick: (item: (typeof batch)[number]) => string | bigint) => pgArray(batch.map(pick));
          await tx.execute(sql`
            insert into usage_items (object_name, start_at, bucket, epoch, user_id, tag, ops_put, ops_get, ops_list, ops_other, bytes_uploaded, bytes_downloaded)
            select ${name}, ${parsedName.start.toISOString()}::timestamptz, u.* from unnest(
              ${column((x) => x.key.bucket)}::text[], ${column((x) => x.key.epoch)}::bigint[], ${column((x) => x.key.user_id)}::text[], ${column((x) => x.key.tag)}::text[],
              ${column((x) => x.counters.ops.put)}::bigint[], ${column((x) => x.counters.ops.get)}::bigint[], ${column((x) => x.counters.ops.list)}::bigint[],
              ${column((x) => x.counters.ops.other)}::bigint[], ${column((x) => x.counters.net_io.uploaded)}::bigint[], ${column((x) => x.counters.net_io.downloaded)}::bigint[]) as u`);
        }
        await addToDaily(tx, parsedName.start, object.items);
        return true;
      });
      if (settled) progress.collected += 1;
      else {
        const [current] = await db.select({ status: usageObjects.status }).from(usageObjects).where(eq(usageObjects.name, name));
        if (current?.status !== 'collected') return;
      }
    }
    await deleteStatisticsObject(name, options.conn);
    progress.deleted += 1;
    deletedUnnoted.push(name);
    if (deletedUnnoted.length >= NOTE_BATCH) await noteDeleted();
  };

  // Deletions are noted in batches: a note lost to a crash is made by the next run (above).
  const deletedUnnoted: string[] = [];
  const noteDeleted = async () => {
    const batch = deletedUnnoted.splice(0);
    if (batch.length) await db.update(usageObjects).set({ deletedAt: new Date() }).where(inArray(usageObjects.name, batch));
  };

  // Bounded concurrency: a few objects in flight at once.
  const queue = [...names];
  const worker = async () => {
    for (let name = queue.shift(); name !== undefined && !options.signal?.aborted; name = queue.shift()) {
      try {
        await one(name);
      } catch (error) {
        progress.errors.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
      progress.done += 1;
      report();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  await noteDeleted();
  return progress;
}
