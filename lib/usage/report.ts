import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { bytesToGb, daysBetween, decimal, gbMonthsScaled, nextMonth } from './periods';

/**
 * Billing figures from the ledger. Traffic (requests, bytes up and down) comes from collected
 * statistics objects, each counted on the UTC day its period starts (`usage_daily`, kept by the
 * collector; a day's trace reads the items themselves); storage comes from the
 * integrated samples (`storage_daily`). Counters are summed as exact integers and leave here as
 * decimal strings; GB is 10^9 bytes, a GB-month is 10^9 bytes kept for a whole calendar month.
 */

export type Group = 'day' | 'month';

/** Whose usage: one gateway user, one bucket (every epoch, or one), or everyone. */
export interface Scope {
  userId?: string;
  bucket?: string;
  epoch?: bigint;
}

export interface Figures {
  storageByteSeconds: string;
  storageGbMonth: string;
  uploadedBytes: string;
  uploadedGb: string;
  downloadedBytes: string;
  downloadedGb: string;
  requests: { put: string; get: string; list: string; other: string; total: string };
}

export const UNITS = {
  storage: 'GB-month: 10^9 bytes kept for a whole calendar month (byte-seconds ÷ (10^9 × seconds in that month))',
  transfer: 'GB: 10^9 bytes',
  requests: 'requests, counted by class: put, get, list, other',
  days: 'UTC days; traffic counts on the day its statistics period starts',
} as const;

interface Raw {
  /** Byte-seconds by month: a GB-month depends on the month's length. */
  storage: Map<string, bigint>;
  uploaded: bigint;
  downloaded: bigint;
  put: bigint;
  get: bigint;
  list: bigint;
  other: bigint;
}

const emptyRaw = (): Raw => ({ storage: new Map(), uploaded: 0n, downloaded: 0n, put: 0n, get: 0n, list: 0n, other: 0n });

function addInto(into: Raw, from: Raw): void {
  for (const [month, bs] of from.storage) into.storage.set(month, (into.storage.get(month) ?? 0n) + bs);
  into.uploaded += from.uploaded;
  into.downloaded += from.downloaded;
  into.put += from.put;
  into.get += from.get;
  into.list += from.list;
  into.other += from.other;
}

const PLACES = 9;

function figures(raw: Raw): Figures {
  let byteSeconds = 0n;
  let gbMonthScaled = 0n;
  for (const [month, bs] of raw.storage) {
    byteSeconds += bs;
    gbMonthScaled += gbMonthsScaled(bs, month, PLACES);
  }
  return {
    storageByteSeconds: byteSeconds.toString(),
    storageGbMonth: decimal(gbMonthScaled, 10n ** BigInt(PLACES), PLACES),
    uploadedBytes: raw.uploaded.toString(),
    uploadedGb: bytesToGb(raw.uploaded),
    downloadedBytes: raw.downloaded.toString(),
    downloadedGb: bytesToGb(raw.downloaded),
    requests: {
      put: raw.put.toString(),
      get: raw.get.toString(),
      list: raw.list.toString(),
      other: raw.other.toString(),
      total: (raw.put + raw.get + raw.list + raw.other).toString(),
    },
  };
}

async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** The scope as a condition; the user is `user_id` on traffic, `owner_id` on storage. */
function scopeWhere(scope: Scope, table: 'traffic' | 'storage'): SQL {
  const parts = [sql`true`];
  if (scope.userId !== undefined) parts.push(table === 'traffic' ? sql`user_id = ${scope.userId}` : sql`owner_id = ${scope.userId}`);
  if (scope.bucket !== undefined) parts.push(sql`bucket = ${scope.bucket}`);
  if (scope.epoch !== undefined) parts.push(sql`epoch = ${scope.epoch.toString()}::bigint`);
  return sql.join(parts, sql` and `);
}

const TRAFFIC_SUMS = sql`sum(bytes_uploaded)::text as uploaded, sum(bytes_downloaded)::text as downloaded,
  sum(ops_put)::text as put, sum(ops_get)::text as get, sum(ops_list)::text as list, sum(ops_other)::text as other`;

interface TrafficRow {
  uploaded: string;
  downloaded: string;
  put: string;
  get: string;
  list: string;
  other: string;
}

const trafficRaw = (r: TrafficRow): Raw => ({
  storage: new Map(),
  uploaded: BigInt(r.uploaded),
  downloaded: BigInt(r.downloaded),
  put: BigInt(r.put),
  get: BigInt(r.get),
  list: BigInt(r.list),
  other: BigInt(r.other),
});

/** [from, to) in UTC days, as SQL bounds. */
const range = (from: string, to: string) => ({ start: `${from}T00:00:00Z`, end: `${to}T00:00:00Z` });

/** Every period of the range, in order: each day, or each month that the range touches. */
export function periodsOf(from: string, to: string, group: Group): string[] {
  const out: string[] = [];
  if (group === 'day') {
    for (let t = Date.parse(`${from}T00:00:00Z`); t < Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
    return out;
  }
  for (let month = from.slice(0, 7); `${month}-01` < to; month = nextMonth(month).slice(0, 7)) out.push(month);
  return out;
}

export interface Series {
  from: string;
  to: string;
  group: Group;
  series: ({ period: string } & Figures)[];
  totals: Figures;
}

/** Figures per day or per month over [from, to), every period present (zeros where nothing happened). */
export async function usageSeries(db: Db, options: { from: string; to: string; group: Group; scope?: Scope }): Promise<Series> {
  const scope = options.scope ?? {};
  const periodOf = (day: string) => (options.group === 'day' ? day : day.slice(0, 7));
  const byPeriod = new Map(periodsOf(options.from, options.to, options.group).map((p) => [p, emptyRaw()]));

  const traffic = await rows<TrafficRow & { day: string }>(
    db,
    sql`select to_char(day, 'YYYY-MM-DD') as day, ${TRAFFIC_SUMS}
        from usage_daily where day >= ${options.from}::date and day < ${options.to}::date and ${scopeWhere(scope, 'traffic')} group by 1`,
  );
  for (const r of traffic) addInto(byPeriod.get(periodOf(r.day))!, trafficRaw(r));

  const storage = await rows<{ day: string; bs: string }>(
    db,
    sql`select to_char(day, 'YYYY-MM-DD') as day, sum(byte_seconds)::text as bs
        from storage_daily where day >= ${options.from}::date and day < ${options.to}::date and ${scopeWhere(scope, 'storage')} group by 1`,
  );
  for (const r of storage) addInto(byPeriod.get(periodOf(r.day))!, { ...emptyRaw(), storage: new Map([[r.day.slice(0, 7), BigInt(r.bs)]]) });

  const totals = emptyRaw();
  for (const raw of byPeriod.values()) addInto(totals, raw);
  return {
    from: options.from,
    to: options.to,
    group: options.group,
    series: [...byPeriod].map(([period, raw]) => ({ period, ...figures(raw) })),
    totals: figures(totals),
  };
}

export const MEASURES = ['storage', 'uploaded', 'downloaded', 'requests'] as const;
export type Measure = (typeof MEASURES)[number];

export interface Ranked {
  userId: string;
  figures: Figures;
}

/** The users with the most of each measure over [from, to). */
export async function topUsers(db: Db, options: { from: string; to: string; limit?: number }): Promise<Record<Measure, Ranked[]>> {
  const byUser = new Map<string, Raw>();
  const of = (id: string) => byUser.get(id) ?? byUser.set(id, emptyRaw()).get(id)!;
  const traffic = await rows<TrafficRow & { user_id: string }>(
    db,
    sql`select user_id, ${TRAFFIC_SUMS} from usage_daily where day >= ${options.from}::date and day < ${options.to}::date group by user_id`,
  );
  for (const r of traffic) addInto(of(r.user_id), trafficRaw(r));
  const storage = await rows<{ owner_id: string; month: string; bs: string }>(
    db,
    sql`select owner_id, to_char(day, 'YYYY-MM') as month, sum(byte_seconds)::text as bs
        from storage_daily where day >= ${options.from}::date and day < ${options.to}::date group by 1, 2`,
  );
  for (const r of storage) addInto(of(r.owner_id), { ...emptyRaw(), storage: new Map([[r.month, BigInt(r.bs)]]) });

  // Each user's value of each measure, worked out once; storage by GB-month scaled to an integer (months differ in length).
  const ranked = [...byUser].map(([userId, raw]) => {
    const f = figures(raw);
    const value: Record<Measure, bigint> = { storage: BigInt(f.storageGbMonth.replace('.', '')), uploaded: raw.uploaded, downloaded: raw.downloaded, requests: BigInt(f.requests.total) };
    return { userId, figures: f, value };
  });
  const limit = options.limit ?? 10;
  const top = (m: Measure) =>
    ranked
      .filter((r) => r.value[m] > 0n)
      .sort((a, b) => (b.value[m] > a.value[m] ? 1 : b.value[m] < a.value[m] ? -1 : a.userId.localeCompare(b.userId)))
      .slice(0, limit)
      .map(({ userId, figures }) => ({ userId, figures }));
  return { storage: top('storage'), uploaded: top('uploaded'), downloaded: top('downloaded'), requests: top('requests') };
}

export interface InvoiceLine extends Figures {
  bucket: string;
  epoch: string;
}

/** One user's month, bucket by bucket (a bucket's epochs apart), with the total: what an invoice needs. */
export async function invoiceLines(db: Db, options: { userId: string; month: string }): Promise<{ lines: InvoiceLine[]; total: Figures }> {
  const from = `${options.month}-01`;
  const to = nextMonth(options.month);
  const byBucket = new Map<string, Raw>();
  const of = (bucket: string, epoch: string) => {
    const k = JSON.stringify([bucket, epoch]);
    return byBucket.get(k) ?? byBucket.set(k, emptyRaw()).get(k)!;
  };
  const traffic = await rows<TrafficRow & { bucket: string; epoch: string }>(
    db,
    sql`select bucket, epoch::text as epoch, ${TRAFFIC_SUMS} from usage_daily
        where user_id = ${options.userId} and day >= ${from}::date and day < ${to}::date group by 1, 2`,
  );
  for (const r of traffic) addInto(of(r.bucket, r.epoch), trafficRaw(r));
  const storage = await rows<{ bucket: string; epoch: string; bs: string }>(
    db,
    sql`select bucket, epoch::text as epoch, sum(byte_seconds)::text as bs from storage_daily
        where owner_id = ${options.userId} and day >= ${from}::date and day < ${to}::date group by 1, 2`,
  );
  for (const r of storage) addInto(of(r.bucket, r.epoch), { ...emptyRaw(), storage: new Map([[options.month, BigInt(r.bs)]]) });

  const total = emptyRaw();
  const lines = [...byBucket]
    .map(([k, raw]) => {
      addInto(total, raw);
      const [bucket, epoch] = JSON.parse(k) as [string, string];
      return { bucket, epoch, ...figures(raw) };
    })
    .sort((a, b) => a.bucket.localeCompare(b.bucket) || Number(BigInt(a.epoch) - BigInt(b.epoch)));
  return { lines, total: figures(total) };
}

const CSV_COLUMNS = [
  'month',
  'user_id',
  'user_email',
  'bucket',
  'epoch',
  'storage_byte_seconds',
  'storage_gb_month',
  'uploaded_bytes',
  'uploaded_gb',
  'downloaded_bytes',
  'downloaded_gb',
  'requests_put',
  'requests_get',
  'requests_list',
  'requests_other',
  'requests_total',
] as const;

/** A CSV field: quoted when it must be, and never read as a formula by a spreadsheet. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The invoice lines of one user's month as CSV, the total last (bucket "TOTAL", epoch empty). */
export function invoiceCsv(invoice: { lines: InvoiceLine[]; total: Figures }, who: { month: string; userId: string; email: string }): string {
  const line = (bucket: string, epoch: string, f: Figures) =>
    [
      who.month,
      who.userId,
      who.email,
      bucket,
      epoch,
      f.storageByteSeconds,
      f.storageGbMonth,
      f.uploadedBytes,
      f.uploadedGb,
      f.downloadedBytes,
      f.downloadedGb,
      f.requests.put,
      f.requests.get,
      f.requests.list,
      f.requests.other,
      f.requests.total,
    ]
      .map(csvField)
      .join(',');
  return [CSV_COLUMNS.join(','), ...invoice.lines.map((l) => line(l.bucket, l.epoch, l)), line('TOTAL', '', invoice.total)].join('\r\n') + '\r\n';
}

export interface Trace {
  day: string;
  objects: { name: string; startAt: string; period: number | null; items: number; uploaded: string; downloaded: string; requests: string; deletedAt: string | null }[];
  rounds: { id: number; at: string; buckets: number; bytes: string; secondsInDay: number; byteSeconds: string }[];
}

/**
 * What one day's figures are made of: the statistics objects whose items count on that day, and
 * the storage rounds whose intervals cover part of it (the size each held, for how long).
 */
export async function traceUsage(db: Db, options: { day: string; scope?: Scope }): Promise<Trace> {
  const scope = options.scope ?? {};
  const to = new Date(Date.parse(`${options.day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const { start, end } = range(options.day, to);
  const objects = await rows<{ name: string; start_at: string; period: number | null; items: string; uploaded: string; downloaded: string; requests: string; deleted_at: string | null }>(
    db,
    sql`select o.name, to_char(o.start_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as start_at, o.period,
               count(*)::text as items, sum(i.bytes_uploaded)::text as uploaded, sum(i.bytes_downloaded)::text as downloaded,
               sum(i.ops_put + i.ops_get + i.ops_list + i.ops_other)::text as requests,
               to_char(o.deleted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as deleted_at
        from usage_items i join usage_objects o on o.name = i.object_name
        where i.start_at >= ${start}::timestamptz and i.start_at < ${end}::timestamptz and ${scopeWhere(scope, 'traffic')}
        group by o.name, o.start_at, o.period, o.deleted_at order by o.start_at, o.name limit 1000`,
  );
  // A round's interval runs to the next round; the ones that overlap the day contributed to it.
  const rounds = await rows<{ id: string; at: string; next_at: string; buckets: string; bytes: string }>(
    db,
    sql`with ordered as (select id, at, lead(at) over (order by at) as next_at from storage_rounds)
        select r.id::text as id, to_char(r.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at,
               to_char(r.next_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as next_at,
               count(s.bucket)::text as buckets, coalesce(sum(s.size), 0)::text as bytes
        from ordered r left join storage_samples s on s.round_id = r.id and ${scopeWhere(scope, 'storage')}
        where r.next_at is not null and r.at < ${end}::timestamptz and r.next_at > ${start}::timestamptz
        group by r.id, r.at, r.next_at order by r.at limit 1000`,
  );
  return {
    day: options.day,
    objects: objects.map((o) => ({
      name: o.name,
      startAt: o.start_at,
      period: o.period,
      items: Number(o.items),
      uploaded: o.uploaded,
      downloaded: o.downloaded,
      requests: o.requests,
      deletedAt: o.deleted_at,
    })),
    rounds: rounds.map((r) => {
      const from = Math.max(Date.parse(r.at), Date.parse(start));
      const until = Math.min(Date.parse(r.next_at), Date.parse(end));
      const seconds = (until - from) / 1000;
      return { id: Number(r.id), at: r.at, buckets: Number(r.buckets), bytes: r.bytes, secondsInDay: seconds, byteSeconds: (BigInt(r.bytes) * BigInt(seconds)).toString() };
    }),
  };
}

/** When the figures were last brought up to date. */
export async function lastUpdates(db: Db): Promise<{ collectedAt: string | null; sampledAt: string | null }> {
  const [r] = await rows<{ collected: string | null; sampled: string | null }>(
    db,
    sql`select (select to_char(max(collected_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') from usage_objects where status = 'collected') as collected,
               (select to_char(max(at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') from storage_rounds) as sampled`,
  );
  return { collectedAt: r?.collected ?? null, sampledAt: r?.sampled ?? null };
}

/** The longest range one request may ask for, per grouping. */
export const MAX_DAYS: Record<Group, number> = { day: 400, month: 3700 };

export function checkRange(from: string, to: string, group: Group): string | null {
  const days = daysBetween(from, to);
  if (!(days > 0)) return '“to” must be after “from”.';
  if (days > MAX_DAYS[group]) return group === 'day' ? 'At most 400 days by day; group by month for longer ranges.' : 'At most about ten years at a time.';
  return null;
}
