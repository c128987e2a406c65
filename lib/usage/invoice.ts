import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
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

