import 'server-only';
import { sql } from 'drizzle-orm';
import { pgArray } from '../db/arrays';
import { csvField } from '../http/csv';
import type { Db } from '../db/client';
import { compareText } from '../format';
import { addInto, emptyRaw, figures, range, rows, TRAFFIC_SUMS, trafficRaw, type Figures, type Raw, type TrafficRow } from './figures';
import { nextMonth } from './periods';

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
    .sort((a, b) => compareText(a.bucket, b.bucket) || Number(BigInt(a.epoch) - BigInt(b.epoch)));
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

/** One CSV line of figures, in CSV_COLUMNS order. */
export const figuresLine = (month: string, userId: string, email: string, bucket: string, epoch: string, f: Figures): string[] => [
  month,
  userId,
  email,
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
];

export { CSV_COLUMNS };

/** The invoice lines of one user's month as CSV, the total last (bucket "TOTAL", epoch empty). */
export function invoiceCsv(invoice: { lines: InvoiceLine[]; total: Figures }, who: { month: string; userId: string; email: string }): string {
  const line = (bucket: string, epoch: string, f: Figures) => figuresLine(who.month, who.userId, who.email, bucket, epoch, f).map(csvField).join(',');
  return [CSV_COLUMNS.join(','), ...invoice.lines.map((l) => line(l.bucket, l.epoch, l)), line('TOTAL', '', invoice.total)].join('\r\n') + '\r\n';
}


export interface BillingLine extends Figures {
  userId: string;
  /** With `by: 'bucket'`: the bucket and epoch of the line; empty for a user's total. */
  bucket: string;
  epoch: string;
}

/**
 * A month for every user who used anything in it, in user-id order: one line per user, or one
 * per bucket generation. Read a page of users at a time, so any number of users streams in flat
 * memory; each page is two grouped queries.
 */
export async function* billingRun(db: Db, options: { month: string; by: 'user' | 'bucket'; pageSize?: number }): AsyncGenerator<BillingLine> {
  const from = `${options.month}-01`;
  const to = nextMonth(options.month);
  const pageSize = options.pageSize ?? 1000;
  const perBucket = options.by === 'bucket';
  let after = '';
  for (;;) {
    const ids = (
      await rows<{ id: string }>(
        db,
        sql`select id from (
              select user_id as id from usage_daily where day >= ${from}::date and day < ${to}::date
              union select owner_id from storage_daily where day >= ${from}::date and day < ${to}::date
            ) u where id > ${after} order by id limit ${pageSize}`,
      )
    ).map((r) => r.id);
    if (ids.length === 0) return;
    const list = pgArray(ids);
    const groupCols = perBucket ? sql`, bucket, epoch::text as epoch` : sql`, '' as bucket, '' as epoch`;
    const groupBy = perBucket ? sql`group by 1, 2, 3` : sql`group by 1`;
    const traffic = await rows<TrafficRow & { id: string; bucket: string; epoch: string }>(
      db,
      sql`select user_id as id ${groupCols}, ${TRAFFIC_SUMS} from usage_daily
          where day >= ${from}::date and day < ${to}::date and user_id = any(${list}::text[]) ${groupBy}`,
    );
    const storage = await rows<{ id: string; bucket: string; epoch: string; bs: string }>(
      db,
      sql`select owner_id as id ${groupCols}, sum(byte_seconds)::text as bs from storage_daily
          where day >= ${from}::date and day < ${to}::date and owner_id = any(${list}::text[]) ${groupBy}`,
    );
    const lines = new Map<string, Raw>();
    const of = (id: string, bucket: string, epoch: string) => {
      const k = JSON.stringify([id, bucket, epoch]);
      return lines.get(k) ?? lines.set(k, emptyRaw()).get(k)!;
    };
    for (const r of traffic) addInto(of(r.id, r.bucket, r.epoch), trafficRaw(r));
    for (const r of storage) addInto(of(r.id, r.bucket, r.epoch), { ...emptyRaw(), storage: new Map([[options.month, BigInt(r.bs)]]) });
    const keys = [...lines.keys()].map((k) => JSON.parse(k) as [string, string, string]);
    keys.sort((a, b) => compareText(a[0], b[0]) || compareText(a[1], b[1]) || Number(BigInt(a[2] || '0') - BigInt(b[2] || '0')));
    for (const [userId, bucket, epoch] of keys) yield { userId, bucket, epoch, ...figures(lines.get(JSON.stringify([userId, bucket, epoch]))!) };
    after = ids[ids.length - 1];
  }
}

/** Each listed user's month in one line (two grouped queries however many users): for the billing API's pages. */
export async function usageOfUsers(db: Db, month: string, userIds: readonly string[]): Promise<Map<string, Figures>> {
  const out = new Map<string, Figures>();
  if (userIds.length === 0) return out;
  const from = `${month}-01`;
  const to = nextMonth(month);
  const list = pgArray([...userIds]);
  const raws = new Map<string, Raw>();
  const of = (id: string) => raws.get(id) ?? raws.set(id, emptyRaw()).get(id)!;
  const traffic = await rows<TrafficRow & { id: string }>(
    db,
    sql`select user_id as id, ${TRAFFIC_SUMS} from usage_daily where day >= ${from}::date and day < ${to}::date and user_id = any(${list}::text[]) group by 1`,
  );
  for (const r of traffic) addInto(of(r.id), trafficRaw(r));
  const storage = await rows<{ id: string; bs: string }>(
    db,
    sql`select owner_id as id, sum(byte_seconds)::text as bs from storage_daily where day >= ${from}::date and day < ${to}::date and owner_id = any(${list}::text[]) group by 1`,
  );
  for (const r of storage) addInto(of(r.id), { ...emptyRaw(), storage: new Map([[month, BigInt(r.bs)]]) });
  for (const id of userIds) out.set(id, figures(raws.get(id) ?? emptyRaw()));
  return out;
}
