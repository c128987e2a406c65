import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { range, rows, scopeWhere, type Scope } from './figures';

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
