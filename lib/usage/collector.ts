import 'server-only';
import crypto from 'node:crypto';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { pgArray, pgArrayElement } from '../db/arrays';
import type { Database, Db } from '../db/client';
import { usageObjects, type UsageObjectRow } from '../db/schema';
import type { GatewayConnection } from '../gateway/request';
import { deleteStatisticsObject, listStatisticsObjects, readStatisticsObject } from '../gateway/usage';
import type { CollectProgress } from './contract';
import { parseObjectName, parseStatisticsObject, stillGrowing, type ObjectName, type StatisticsObject } from './statistics-object';
import { errorWords } from '../db/error-words';

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

/** Items (and daily sums) in one statement at most. */
const ITEM_BATCH = 5000;
const NOTE_BATCH = 200;
/** The largest group of objects stored in one transaction. */
const GROUP = 32;
/**
 * Objects taken and not yet done (read, stored, deleted) at most: three groups, so that one is
 * read while another is stored and a third deleted.
 */
const AHEAD = 3 * GROUP;

/** A counting semaphore. */
class Slots {
  private free: number;
  private readonly queue: (() => void)[] = [];
  constructor(count: number) {
    this.free = count;
  }
  async take(): Promise<void> {
    if (this.free > 0) {
      this.free -= 1;
      return;
    }
    await new Promise<void>((resolve) => this.queue.push(resolve));
  }
  release(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.free += 1;
  }
  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.take();
    try {
      return await work();
    } finally {
      this.release();
    }
  }
}

type Item = StatisticsObject['items'][number];
const COUNTERS = ['put', 'get', 'list', 'other', 'uploaded', 'downloaded'] as const;

/**
 * Adds objects' items to the daily traffic, summed per day, bucket, epoch and user, in the
 * transaction that records the objects. Rows are written in key order, so that two transactions
 * touching the same rows wait for each other rather than deadlock.
 */
async function addToDaily(tx: Pick<Db, 'execute'>, objects: readonly { start: Date; items: readonly Item[] }[]): Promise<void> {
  const sums = new Map<string, { day: string; bucket: string; epoch: bigint; userId: string; c: Record<(typeof COUNTERS)[number], bigint> }>();
  for (const { start, items } of objects) {
    const day = start.toISOString().slice(0, 10);
    for (const item of items) {
      // The day is ten characters and the epoch has no colon; the user's length says where the bucket begins.
      const key = `${day}${item.key.epoch}:${item.key.user_id.length}:${item.key.user_id}${item.key.bucket}`;
      let row = sums.get(key);
      if (!row) sums.set(key, (row = { day, bucket: item.key.bucket, epoch: item.key.epoch, userId: item.key.user_id, c: { put: 0n, get: 0n, list: 0n, other: 0n, uploaded: 0n, downloaded: 0n } }));
      row.c.put += item.counters.ops.put;
      row.c.get += item.counters.ops.get;
      row.c.list += item.counters.ops.list;
      row.c.other += item.counters.ops.other;
      row.c.uploaded += item.counters.net_io.uploaded;
      row.c.downloaded += item.counters.net_io.downloaded;
    }
  }
  const rows = [...sums.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
  for (let i = 0; i < rows.length; i += ITEM_BATCH) {
    const batch = rows.slice(i, i + ITEM_BATCH);
    const counter = (name: (typeof COUNTERS)[number]) => sql`${pgArray(batch.map((r) => r.c[name]))}::numeric[]`;
    await tx.execute(sql`
      insert into usage_daily (day, bucket, epoch, user_id, ops_put, ops_get, ops_list, ops_other, bytes_uploaded, bytes_downloaded)
      select u.day, u.bucket, u.epoch, u.user_id, u.put, u.get, u.list, u.other, u.uploaded, u.downloaded from unnest(
        ${pgArray(batch.map((r) => r.day))}::date[], ${pgArray(batch.map((r) => r.bucket))}::text[], ${pgArray(batch.map((r) => r.epoch))}::bigint[], ${pgArray(batch.map((r) => r.userId))}::text[],
        ${sql.join(COUNTERS.map(counter), sql`, `)}) with ordinality as u(day, bucket, epoch, user_id, put, get, list, other, uploaded, downloaded, n)
      order by u.n
      on conflict (day, bucket, epoch, user_id) do update set
        ops_put = usage_daily.ops_put + excluded.ops_put, ops_get = usage_daily.ops_get + excluded.ops_get,
        ops_list = usage_daily.ops_list + excluded.ops_list, ops_other = usage_daily.ops_other + excluded.ops_other,
        bytes_uploaded = usage_daily.bytes_uploaded + excluded.bytes_uploaded, bytes_downloaded = usage_daily.bytes_downloaded + excluded.bytes_downloaded`);
  }
}

/** An object read, parsed and waiting to be stored. */
type Stored = { name: string; parsedName: ObjectName; object: StatisticsObject };

/** One row of `usage_item_sets`: an object's items from `lo` to `hi` (1-based, inclusive) of its statement's arrays. */
interface ItemSet {
  name: string;
  part: number;
  start: string;
  lo: number;
  hi: number;
}

/**
 * The items of these objects cut into statements of at most ITEM_BATCH items: an object whose
 * items do not fit in the room left goes on in the next statement, as its next part. An object
 * without items has no row.
 */
function* itemStatements(objects: readonly Stored[]): Generator<{ sets: ItemSet[]; items: Item[] }> {
  let sets: ItemSet[] = [];
  let items: Item[] = [];
  for (const { name, parsedName, object } of objects) {
    const start = parsedName.start.toISOString();
    for (let from = 0, part = 0; from < object.items.length; part++) {
      const take = Math.min(ITEM_BATCH - items.length, object.items.length - from);
      sets.push({ name, part, start, lo: items.length + 1, hi: items.length + take });
      for (let k = from; k < from + take; k++) items.push(object.items[k]);
      from += take;
      if (items.length === ITEM_BATCH) {
        yield { sets, items };
        sets = [];
        items = [];
      }
    }
  }
  if (sets.length > 0) yield { sets, items };
}

/** The items' ten columns (key, then counters) as array literals, made in one pass over them. */
function itemColumns(items: readonly Item[]): string[] {
  const columns = Array.from({ length: 10 }, () => new Array<string>(items.length));
  for (let i = 0; i < items.length; i++) {
    const { key, counters } = items[i];
    columns[0][i] = pgArrayElement(key.bucket);
    columns[1][i] = String(key.epoch);
    columns[2][i] = pgArrayElement(key.user_id);
    columns[3][i] = pgArrayElement(key.tag);
    columns[4][i] = String(counters.ops.put);
    columns[5][i] = String(counters.ops.get);
    columns[6][i] = String(counters.ops.list);
    columns[7][i] = String(counters.ops.other);
    columns[8][i] = String(counters.net_io.uploaded);
    columns[9][i] = String(counters.net_io.downloaded);
  }
  return columns.map((column) => `{${column.join(',')}}`);
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
 * name in one transaction (shared with the other objects read meanwhile, up to 32), commit, and
 * only then delete it on the gateway. The name is the
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

  type Step = { kind: 'finished' } | { kind: 'delete' } | { kind: 'store'; parsedName: ObjectName; object: StatisticsObject };

  /** Everything about one object up to storing it: the ledger's word, its name, reading and parsing it. */
  const prepare = async (name: string): Promise<Step> => {
    const parsedName = parseObjectName(name);
    const ledger = known.get(name);
    if (ledger?.status === 'quarantined') {
      progress.skipped += 1;
      return { kind: 'finished' };
    }
    if (ledger?.status === 'collected') return { kind: 'delete' };
    if (!parsedName) {
      // A name that is not a statistics object's can never be collected: kept aside at once.
      await db
        .insert(usageObjects)
        .values({ name, serviceId: 'unknown', startAt: new Date(0), nominalPeriod: 0, status: 'quarantined', reason: BAD_NAME })
        .onConflictDoNothing();
      progress.quarantined += 1;
      return { kind: 'finished' };
    }
    if (stillGrowing(parsedName, now())) {
      progress.skipped += 1;
      return { kind: 'finished' };
    }
    let read: { text: string; intact: boolean | null };
    try {
      read = await readStatisticsObject(name, options.conn);
    } catch (error) {
      await noteFailure(name, parsedName, `reading it failed: ${errorWords(error)}`, null, false);
      throw error;
    }
    const parsed = parseStatisticsObject(read.text);
    if (!parsed.ok) {
      // Only a body that arrived whole is evidence about the object; the same one twice is a verdict.
      const hash = read.intact ? crypto.createHash('sha256').update(read.text).digest('hex') : null;
      const again = hash !== null && ledger?.status === 'failing' && ledger.failedBodySha256 === hash;
      const why = read.intact === false ? `${parsed.reason}; the answer was cut short (its length did not match Content-Length)` : parsed.reason;
      await noteFailure(name, parsedName, again ? `${why} — the same complete body on two runs` : why, hash, again);
      return { kind: 'finished' };
    }
    return { kind: 'store', parsedName, object: parsed.object };
  };

  /**
   * Records a group of objects — their names, items and daily sums — in one transaction. Returns
   * the names recorded by it; another run may have committed some first (or an admin quarantined
   * them): their items are not ours to count.
   */
  const store = (group: readonly Stored[]): Promise<Set<string>> =>
    db.transaction(async (tx) => {
      const recorded = await tx
        .insert(usageObjects)
        .values(
          group.map(({ name, parsedName, object }) => ({
            name,
            serviceId: parsedName.serviceId,
            startAt: parsedName.start,
            nominalPeriod: parsedName.nominalPeriodSeconds,
            period: object.period,
            items: object.items.length,
            status: 'collected' as const,
          })),
        )
        // A failing object becomes collected; one collected already (by another run) stays as it is.
        .onConflictDoUpdate({
          target: usageObjects.name,
          set: { status: 'collected', period: sql`excluded.period`, items: sql`excluded.items`, reason: null, failedBodySha256: null, collectedAt: new Date() },
          setWhere: sql`${usageObjects.status} = 'failing'`,
        })
        .returning({ name: usageObjects.name });
      const ours = new Set(recorded.map((r) => r.name));
      const mine = group.filter((g) => ours.has(g.name));
      for (const { sets, items } of itemStatements(mine)) {
        // Column by column, as arrays; each set is its slice of them.
        const [bucket, epoch, userId, tag, put, get, list, other, uploaded, downloaded] = itemColumns(items);
        await tx.execute(sql`
          insert into usage_item_sets (object_name, part, start_at, buckets, epochs, user_ids, tags, ops_put, ops_get, ops_list, ops_other, bytes_uploaded, bytes_downloaded)
          select s.name, s.part, s.start, a.bucket[s.lo:s.hi], a.epoch[s.lo:s.hi], a.user_id[s.lo:s.hi], a.tag[s.lo:s.hi],
                 a.put[s.lo:s.hi], a.get[s.lo:s.hi], a.list[s.lo:s.hi], a.other[s.lo:s.hi], a.uploaded[s.lo:s.hi], a.downloaded[s.lo:s.hi]
          from unnest(${pgArray(sets.map((x) => x.name))}::text[], ${pgArray(sets.map((x) => x.part))}::int[], ${pgArray(sets.map((x) => x.start))}::timestamptz[],
                      ${pgArray(sets.map((x) => x.lo))}::int[], ${pgArray(sets.map((x) => x.hi))}::int[]) as s(name, part, start, lo, hi),
               (select ${bucket}::text[] as bucket, ${epoch}::bigint[] as epoch, ${userId}::text[] as user_id, ${tag}::text[] as tag,
                       ${put}::bigint[] as put, ${get}::bigint[] as get, ${list}::bigint[] as list, ${other}::bigint[] as other,
                       ${uploaded}::bigint[] as uploaded, ${downloaded}::bigint[] as downloaded) as a`);
      }
      await addToDaily(
        tx,
        mine.map(({ parsedName, object }) => ({ start: parsedName.start, items: object.items })),
      );
      return ours;
    });

  /** Deletes a recorded object on the gateway; the deletion is noted in the ledger in batches. */
  const remove = async (name: string) => {
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

  /*
   * A pipeline: readers (`concurrency` of them) read and parse objects; one writer stores what they
   * read in groups, a transaction per group; each stored object is then deleted on the gateway,
   * a few deletions at a time. An object is deleted only after the transaction that recorded it
   * committed, so a crash at any point loses nothing and counts nothing twice. At most AHEAD
   * objects are between being taken and being done: memory stays flat however many there are.
   */
  const readers = Math.max(1, options.concurrency ?? 4);
  const ahead = new Slots(AHEAD);
  const deleting = new Slots(readers);
  const finish = (name: string, error?: unknown) => {
    if (error !== undefined) progress.errors.push(`${name}: ${errorWords(error)}`);
    progress.done += 1;
    report();
    ahead.release();
  };
  const outstanding = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    outstanding.add(work);
    void work.finally(() => outstanding.delete(work));
  };
  const deleteThenFinish = (name: string) =>
    track(
      deleting.run(() => remove(name)).then(
        () => finish(name),
        (error: unknown) => finish(name, error),
      ),
    );

  const waiting: Stored[] = [];
  /** Objects being read (and parsed) now. */
  let reading = 0;
  /**
   * A full group is stored at once; a smaller one only when no read under way could add to it.
   * A transaction costs much the same whatever it holds, and the embedded database works on this
   * thread: a group stored as soon as one object waited would hold one object, or a few.
   */
  const groupReady = () => waiting.length >= GROUP || (waiting.length > 0 && reading === 0);
  let writer: Promise<void> | null = null;
  const write = async () => {
    while (groupReady()) {
      const group = waiting.splice(0, GROUP);
      let ours: Set<string>;
      try {
        ours = await store(group);
      } catch (error) {
        for (const g of group) finish(g.name, error);
        continue;
      }
      progress.collected += ours.size;
      const others = group.filter((g) => !ours.has(g.name)).map((g) => g.name);
      // Another run's objects: deleted here only if that run did commit them (left, with the error, when that cannot be read).
      let collectedElsewhere = new Set<string>();
      let unread: unknown;
      try {
        if (others.length > 0) collectedElsewhere = new Set([...(await ledgerEntries(db, others))].filter(([, r]) => r.status === 'collected').map(([n]) => n));
      } catch (error) {
        unread = error;
      }
      for (const g of group) {
        if (ours.has(g.name) || collectedElsewhere.has(g.name)) deleteThenFinish(g.name);
        else finish(g.name, unread);
      }
    }
  };
  const startWriting = () => {
    if (writer || !groupReady()) return;
    writer = write().finally(() => {
      writer = null;
      startWriting();
    });
    track(writer);
  };

  const queue = [...names];
  const reader = async () => {
    for (let name = queue.shift(); name !== undefined && !options.signal?.aborted; name = queue.shift()) {
      await ahead.take();
      let step: Step | undefined;
      reading += 1;
      try {
        step = await prepare(name);
      } catch (error) {
        finish(name, error);
      } finally {
        reading -= 1;
      }
      if (step?.kind === 'finished') finish(name);
      else if (step?.kind === 'delete') deleteThenFinish(name);
      else if (step?.kind === 'store') waiting.push({ name, parsedName: step.parsedName, object: step.object });
      startWriting();
    }
  };
  await Promise.all(Array.from({ length: readers }, reader));
  while (outstanding.size > 0) await Promise.all([...outstanding]);
  await noteDeleted();
  return progress;
}
