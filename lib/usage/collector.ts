import 'server-only';
import crypto from 'node:crypto';
import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { pgArray, pgArrayElement } from '../db/arrays';
import type { Database, Db } from '../db/client';
import { usageObjects, type UsageObjectRow } from '../db/schema';
import type { GatewayConnection } from '../gateway/request';
import { deleteStatisticsObject, listStatisticsObjects, readStatisticsObject } from '../gateway/usage';
import type { CollectProgress } from './contract';
import { rows } from './figures';
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
/** The largest group of objects stored together (in one statement, or one transaction when their items need more). */
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

/** One part of an object's items, at most ITEM_BATCH of them: its ten columns (key, then counters), each as array elements. */
interface Part {
  count: number;
  columns: string[];
}

/**
 * An object read, parsed and waiting to be stored. Its items are kept only as the text of their
 * columns, made as soon as it parsed: up to AHEAD objects wait here, and their items kept as
 * objects and bigints outlived the young generation's collections (collecting 10,000 objects of
 * 100 items spent 2.0 s more in the garbage collector than reading them; 0.7 s with the text).
 */
interface Stored {
  name: string;
  parsedName: ObjectName;
  period: number;
  count: number;
  parts: Part[];
}

/**
 * The daily sums of a group's items (a row per UTC day, bucket, epoch and user), added up here as
 * its objects arrive, exactly (counters are bigints). The database then upserts those rows alone,
 * where it would unnest, join and group every item of the group: storing a group of 32 objects of
 * 100 items took the embedded database 37–44 ms, 26–30 with its sums made here (medians of 60
 * groups, two runs each), the PostgreSQL server 25–27 ms, 15–18.
 */
class DailySums {
  private readonly rows = new Map<string, number>();
  /** Day, bucket, epoch and user id of each row, as array elements. */
  private readonly keys: string[][] = [[], [], [], []];
  /** Its six counters' sums. */
  private readonly sums: bigint[][] = [[], [], [], [], [], []];

  add(day: string, bucket: string, epoch: string, userId: string, counters: Item['counters']): void {
    const id = `${day}${bucket},${epoch},${userId}`;
    let row = this.rows.get(id);
    const { ops, net_io } = counters;
    if (row === undefined) {
      row = this.keys[0].length;
      this.rows.set(id, row);
      this.keys[0].push(day);
      this.keys[1].push(bucket);
      this.keys[2].push(epoch);
      this.keys[3].push(userId);
      this.sums[0].push(ops.put);
      this.sums[1].push(ops.get);
      this.sums[2].push(ops.list);
      this.sums[3].push(ops.other);
      this.sums[4].push(net_io.uploaded);
      this.sums[5].push(net_io.downloaded);
      return;
    }
    this.sums[0][row] += ops.put;
    this.sums[1][row] += ops.get;
    this.sums[2][row] += ops.list;
    this.sums[3][row] += ops.other;
    this.sums[4][row] += net_io.uploaded;
    this.sums[5][row] += net_io.downloaded;
  }

  /** The ten columns (day, bucket, epoch, user id, then the sums) as array literals. */
  columns(): string[] {
    return [...this.keys, ...this.sums].map((column) => `{${column.join(',')}}`);
  }
}

/** The items as parts of at most ITEM_BATCH, each part's ten columns made in one pass over its items, which are also added to `daily`. */
function itemParts(items: readonly Item[], day: string, daily: DailySums): Part[] {
  const parts: Part[] = [];
  for (let from = 0; from < items.length; from += ITEM_BATCH) {
    const to = Math.min(items.length, from + ITEM_BATCH);
    const columns = Array.from({ length: 10 }, () => new Array<string>(to - from));
    for (let i = from; i < to; i++) {
      const { key, counters } = items[i];
      const k = i - from;
      columns[0][k] = pgArrayElement(key.bucket);
      columns[1][k] = String(key.epoch);
      columns[2][k] = pgArrayElement(key.user_id);
      columns[3][k] = pgArrayElement(key.tag);
      daily.add(day, columns[0][k], columns[1][k], columns[2][k], counters);
      columns[4][k] = String(counters.ops.put);
      columns[5][k] = String(counters.ops.get);
      columns[6][k] = String(counters.ops.list);
      columns[7][k] = String(counters.ops.other);
      columns[8][k] = String(counters.net_io.uploaded);
      columns[9][k] = String(counters.net_io.downloaded);
    }
    // Joined at once: flat strings, where strings added to as they go would be chains of pieces
    // that outlive the young generation's collections until the statement flattens them.
    parts.push({ count: to - from, columns: columns.map((column) => column.join(',')) });
  }
  return parts;
}

/** Objects stored together, and their daily sums. */
interface Group {
  objects: Stored[];
  daily: DailySums;
}

/** One row of `usage_item_sets`: an object's part, items `lo` to `hi` (1-based, inclusive) of its statement's arrays. */
interface ItemSet {
  name: string;
  part: number;
  start: string;
  lo: number;
  hi: number;
}

/** A statement's item sets, and the column arrays (as array literals) they are slices of. */
interface ItemStatement {
  sets: ItemSet[];
  columns: string[];
}

/**
 * The objects' parts packed into statements of at most ITEM_BATCH items, whole parts each (an
 * object's parts do not depend on the objects stored with it). An object without items has no row.
 */
function* itemStatements(objects: readonly Stored[]): Generator<ItemStatement> {
  let sets: ItemSet[] = [];
  let segments: string[][] = [];
  let count = 0;
  const statement = () => ({ sets, columns: Array.from({ length: 10 }, (_, c) => `{${segments.map((columns) => columns[c]).join(',')}}`) });
  for (const { name, parsedName, parts } of objects) {
    const start = parsedName.start.toISOString();
    for (const [part, { count: n, columns }] of parts.entries()) {
      if (count + n > ITEM_BATCH) {
        yield statement();
        sets = [];
        segments = [];
        count = 0;
      }
      sets.push({ name, part, start, lo: count + 1, hi: count + n });
      segments.push(columns);
      count += n;
    }
  }
  if (sets.length > 0) yield statement();
}

const NO_ITEMS: ItemStatement = { sets: [], columns: Array.from({ length: 10 }, () => '{}') };

/** Daily sums made beforehand (DailySums) of every set of a statement, as array literals. */
interface StatementSums {
  sets: number;
  columns: string[];
}

/**
 * One statement of items: its sets (each a slice of the column arrays) into `usage_item_sets`, and
 * their sums into `usage_daily`. With `ledger` (an insert into `usage_objects` returning the names
 * it recorded), the objects are recorded by the same statement, and only the sets of those it
 * recorded are stored and summed; it returns their names. The sums are `sums` when the statement
 * stores every set they were made of; else (another run recorded some of the objects first, or
 * no sums were made) the database makes them from the items it stores. A statement writes its
 * daily rows in key order, so that two writers touching the same rows wait for each other rather
 * than deadlock.
 */
function itemsStatement({ sets, columns }: ItemStatement, ledger?: SQL, sums?: StatementSums): SQL {
  const [bucket, epoch, userId, tag, put, get, list, other, uploaded, downloaded] = columns;
  /** The sums made by the database from the items it stores, when `condition` holds. */
  const fromItems = (condition: SQL) => sql`
           select days.day, i.bucket, i.epoch, i.user_id, sum(i.put) as put, sum(i.get) as get, sum(i.list) as list, sum(i.other) as other,
                  sum(i.uploaded) as uploaded, sum(i.downloaded) as downloaded
           from items i join days on days.n = i.n
           where ${condition}
           group by days.day, i.bucket, i.epoch, i.user_id`;
  const [dDay, dBucket, dEpoch, dUser, dPut, dGet, dList, dOther, dUploaded, dDownloaded] = sums?.columns ?? [];
  // Either branch alone runs: the other's condition is false before it reads a row.
  const daily = sums
    ? sql`
           select * from unnest(${dDay}::date[], ${dBucket}::text[], ${dEpoch}::bigint[], ${dUser}::text[], ${dPut}::numeric[], ${dGet}::numeric[],
                                ${dList}::numeric[], ${dOther}::numeric[], ${dUploaded}::numeric[], ${dDownloaded}::numeric[])
             as d(day, bucket, epoch, user_id, put, get, list, other, uploaded, downloaded)
           where (select count(*) from s) = ${sums.sets}
           union all
           ${fromItems(sql`(select count(*) from s) <> ${sums.sets}`)}`
    : fromItems(sql`true`);
  return sql`
    with ${ledger ? sql`recorded as (${ledger}),` : sql``}
         a as (select ${bucket}::text[] as bucket, ${epoch}::bigint[] as epoch, ${userId}::text[] as user_id, ${tag}::text[] as tag,
                      ${put}::bigint[] as put, ${get}::bigint[] as get, ${list}::bigint[] as list, ${other}::bigint[] as other,
                      ${uploaded}::bigint[] as uploaded, ${downloaded}::bigint[] as downloaded),
         s as (select * from unnest(${pgArray(sets.map((x) => x.name))}::text[], ${pgArray(sets.map((x) => x.part))}::int[], ${pgArray(sets.map((x) => x.start))}::timestamptz[],
                                    ${pgArray(sets.map((x) => x.lo))}::int[], ${pgArray(sets.map((x) => x.hi))}::int[]) as s(name, part, start, lo, hi)
               ${ledger ? sql`where s.name in (select name from recorded)` : sql``}),
         stored as (
           insert into usage_item_sets (object_name, part, start_at, buckets, epochs, user_ids, tags, ops_put, ops_get, ops_list, ops_other, bytes_uploaded, bytes_downloaded)
           select s.name, s.part, s.start, a.bucket[s.lo:s.hi], a.epoch[s.lo:s.hi], a.user_id[s.lo:s.hi], a.tag[s.lo:s.hi],
                  a.put[s.lo:s.hi], a.get[s.lo:s.hi], a.list[s.lo:s.hi], a.other[s.lo:s.hi], a.uploaded[s.lo:s.hi], a.downloaded[s.lo:s.hi]
           from s, a),
         -- Each item counts on the UTC day its object starts.
         days as (select (s.start at time zone 'UTC')::date as day, n from s, generate_series(s.lo, s.hi) as n),
         items as (select i.* from a, unnest(a.bucket, a.epoch, a.user_id, a.put, a.get, a.list, a.other, a.uploaded, a.downloaded)
                     with ordinality as i(bucket, epoch, user_id, put, get, list, other, uploaded, downloaded, n)),
         summed as (
           insert into usage_daily (day, bucket, epoch, user_id, ops_put, ops_get, ops_list, ops_other, bytes_uploaded, bytes_downloaded)
           select * from (${daily}) as summed
           order by summed.day, summed.bucket collate "C", summed.epoch, summed.user_id collate "C"
           on conflict (day, bucket, epoch, user_id) do update set
             ops_put = usage_daily.ops_put + excluded.ops_put, ops_get = usage_daily.ops_get + excluded.ops_get,
             ops_list = usage_daily.ops_list + excluded.ops_list, ops_other = usage_daily.ops_other + excluded.ops_other,
             bytes_uploaded = usage_daily.bytes_uploaded + excluded.bytes_uploaded, bytes_downloaded = usage_daily.bytes_downloaded + excluded.bytes_downloaded)
    ${ledger ? sql`select name from recorded` : sql`select 1`}`;
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

  type Step = { kind: 'finished' } | { kind: 'delete' } | { kind: 'store'; name: string; parsedName: ObjectName; object: StatisticsObject };

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
    return { kind: 'store', name, parsedName, object: parsed.object };
  };

  /**
   * Records a group of objects — their names, items and daily sums — atomically: in one statement
   * when their items fit in one (most groups), else in one transaction. Returns the names recorded
   * by it; another run may have committed some first (or an admin quarantined them): their items
   * are not ours to count, and the statement leaves them out itself.
   */
  const store = async ({ objects: group, daily }: Group): Promise<Set<string>> => {
    // Made one at a time as they are sent (a group of large objects is many statements); the
    // second is made first only to know whether there is one.
    const statements = itemStatements(group);
    const first = statements.next();
    const second = statements.next();
    const ledger = sql`
      insert into usage_objects (name, service_id, start_at, nominal_period, period, items, status)
      select o.*, 'collected' from unnest(${pgArray(group.map((g) => g.name))}::text[], ${pgArray(group.map((g) => g.parsedName.serviceId))}::text[],
        ${pgArray(group.map((g) => g.parsedName.start.toISOString()))}::timestamptz[], ${pgArray(group.map((g) => g.parsedName.nominalPeriodSeconds))}::int[],
        ${pgArray(group.map((g) => g.period))}::int[], ${pgArray(group.map((g) => g.count))}::int[]) as o
      -- A failing object becomes collected; one collected already (by another run) stays as it is.
      on conflict (name) do update set status = 'collected', period = excluded.period, items = excluded.items, reason = null, failed_body_sha256 = null, collected_at = now()
        where usage_objects.status = 'failing'
      returning name`;
    const recorded = async (on: Pick<Db, 'execute'>, statement: ItemStatement, sums?: StatementSums) =>
      new Set((await rows<{ name: string }>(on, itemsStatement(statement, ledger, sums))).map((r) => r.name));
    if (first.done) return recorded(db, NO_ITEMS);
    // The group's sums are of all its sets: they serve a group stored in one statement.
    if (second.done) return recorded(db, first.value, { sets: first.value.sets.length, columns: daily.columns() });
    return db.transaction(async (tx) => {
      const ours = await recorded(tx, first.value);
      for (let next: IteratorResult<ItemStatement> = second; !next.done; next = statements.next()) {
        const sets = next.value.sets.filter((set) => ours.has(set.name));
        if (sets.length > 0) await tx.execute(itemsStatement({ sets, columns: next.value.columns }));
      }
      return ours;
    });
  };

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

  /** Objects read and waiting to be stored, in the groups they will be stored in, made as they arrive. */
  const waiting: Group[] = [];
  const enqueue = ({ name, parsedName, object: { period, items } }: Extract<Step, { kind: 'store' }>) => {
    let group = waiting.at(-1);
    if (!group || group.objects.length >= GROUP) waiting.push((group = { objects: [], daily: new DailySums() }));
    const day = parsedName.start.toISOString().slice(0, 10);
    group.objects.push({ name, parsedName, period, count: items.length, parts: itemParts(items, day, group.daily) });
  };
  /** Objects being read (and parsed) now. */
  let reading = 0;
  /**
   * A full group is stored at once; a smaller one only when no read under way could add to it.
   * A transaction costs much the same whatever it holds: a group stored as soon as one object
   * waited would hold one object, or a few, while the readers go on.
   */
  const groupReady = () => waiting.length > 0 && (waiting[0].objects.length >= GROUP || reading === 0);
  let writer: Promise<void> | null = null;
  const write = async () => {
    while (groupReady()) {
      const taken = waiting.shift()!;
      const group = taken.objects;
      let ours: Set<string>;
      try {
        ours = await store(taken);
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
      else if (step?.kind === 'store') enqueue(step);
      startWriting();
    }
  };
  await Promise.all(Array.from({ length: readers }, reader));
  while (outstanding.size > 0) await Promise.all([...outstanding]);
  await noteDeleted();
  return progress;
}
