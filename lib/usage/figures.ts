import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { bytesToGb, daysBetween, decimal, gbMonthsScaled } from './periods';

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

export interface Raw {
  /** Byte-seconds by month: a GB-month depends on the month's length. */
  storage: Map<string, bigint>;
  uploaded: bigint;
  downloaded: bigint;
  put: bigint;
  get: bigint;
  list: bigint;
  other: bigint;
}

export const emptyRaw = (): Raw => ({ storage: new Map(), uploaded: 0n, downloaded: 0n, put: 0n, get: 0n, list: 0n, other: 0n });

export function addInto(into: Raw, from: Raw): void {
  for (const [month, bs] of from.storage) into.storage.set(month, (into.storage.get(month) ?? 0n) + bs);
  into.uploaded += from.uploaded;
  into.downloaded += from.downloaded;
  into.put += from.put;
  into.get += from.get;
  into.list += from.list;
  into.other += from.other;
}

export const PLACES = 9;

export function figures(raw: Raw): Figures {
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

export async function rows<T>(db: Pick<Db, 'execute'>, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** The scope as a condition; the user is `user_id` on traffic, `owner_id` on storage. */
export function scopeWhere(scope: Scope, table: 'traffic' | 'storage'): SQL {
  const parts = [sql`true`];
  if (scope.userId !== undefined) parts.push(table === 'traffic' ? sql`user_id = ${scope.userId}` : sql`owner_id = ${scope.userId}`);
  if (scope.bucket !== undefined) parts.push(sql`bucket = ${scope.bucket}`);
  if (scope.epoch !== undefined) parts.push(sql`epoch = ${scope.epoch.toString()}::bigint`);
  return sql.join(parts, sql` and `);
}

export const TRAFFIC_SUMS = sql`sum(bytes_uploaded)::text as uploaded, sum(bytes_downloaded)::text as downloaded,
  sum(ops_put)::text as put, sum(ops_get)::text as get, sum(ops_list)::text as list, sum(ops_other)::text as other`;

export interface TrafficRow {
  uploaded: string;
  downloaded: string;
  put: string;
  get: string;
  list: string;
  other: string;
}

export const trafficRaw = (r: TrafficRow): Raw => ({
  storage: new Map(),
  uploaded: BigInt(r.uploaded),
  downloaded: BigInt(r.downloaded),
  put: BigInt(r.put),
  get: BigInt(r.get),
  list: BigInt(r.list),
  other: BigInt(r.other),
});

/** [from, to) in UTC days, as SQL bounds. */
export const range = (from: string, to: string) => ({ start: `${from}T00:00:00Z`, end: `${to}T00:00:00Z` });

/** When the figures were last brought up to date. */
export async function lastUpdates(db: Db): Promise<{ collectedAt: string | null; sampledAt: string | null; firstSampledAt: string | null }> {
  const [r] = await rows<{ collected: string | null; sampled: string | null; first: string | null }>(
    db,
    sql`select (select to_char(max(collected_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') from usage_objects where status = 'collected') as collected,
               (select to_char(max(at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') from storage_rounds) as sampled,
               (select to_char(min(at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') from storage_rounds) as first`,
  );
  return { collectedAt: r?.collected ?? null, sampledAt: r?.sampled ?? null, firstSampledAt: r?.first ?? null };
}

/** The longest range one request may ask for, per grouping. */
export const MAX_DAYS: Record<Group, number> = { day: 400, month: 3700 };

export function checkRange(from: string, to: string, group: Group): string | null {
  const days = daysBetween(from, to);
  if (!(days > 0)) return '“to” must be after “from”.';
  if (days > MAX_DAYS[group]) return group === 'day' ? 'At most 400 days by day; group by month for longer ranges.' : 'At most about ten years at a time.';
  return null;
}
