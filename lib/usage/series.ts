import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { compareText } from '../format';
import { addInto, emptyRaw, figures, rows, scopeWhere, TRAFFIC_SUMS, trafficRaw, type Figures, type Group, type Raw, type Scope, type TrafficRow } from './figures';
import { nextMonth } from './periods';

/** Figures over a period, per day or month, and the users with the most of each measure. */

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
      .sort((a, b) => (b.value[m] > a.value[m] ? 1 : b.value[m] < a.value[m] ? -1 : compareText(a.userId, b.userId)))
      .slice(0, limit)
      .map(({ userId, figures }) => ({ userId, figures }));
  return { storage: top('storage'), uploaded: top('uploaded'), downloaded: top('downloaded'), requests: top('requests') };
}

