import { CreateBucketCommand, DeleteBucketCommand, DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { testGateway } from '@/sim/testing/harness';
import { sdkClient } from '@/sim/testing/sdk';
import { describeEachDatabase } from '../db/testing';
import type { GatewayConnection } from '../gateway/request';
import { rows } from './figures';
import { invoiceCsv, invoiceLines } from './invoice';
import { usageSeries } from './series';
import { traceUsage } from './trace';
import { SampleColumns, sampleStorage } from './sampler';

const gw = testGateway();
const conn = (): GatewayConnection => ({ url: gw.sim.url, accessKeyId: gw.sim.systemKey.id, secret: gw.sim.systemKey.secret, signature: 'v4', region: 'us-east-1', timeoutMs: 5000 });
const at = (iso: string) => () => new Date(iso);

describeEachDatabase('storage sampling', (database) => {
  /** How many storage rounds the ledger holds. */
  const rounds = async () => (await rows<{ n: number }>(database().db, sql`select count(*)::int as n from storage_rounds`))[0].n;

  it('integrates the samples per bucket and epoch and UTC day, exactly', async () => {
    const { id: userId, key } = await gw.createUser(`sampler-${Math.random()}@example.com`);
    const s3 = sdkClient(gw.sim.url, key);
    const bucket = `sampled-${Math.random().toString(36).slice(2, 8)}`;
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'a', Body: Buffer.alloc(1000) }));

    // Round 1 at 22:00; 1000 bytes held until round 2 at 02:00 the next day: 2 h on each day.
    expect(await sampleStorage(database(), { conn: conn(), now: at('2026-03-31T22:00:00.700Z') })).toMatchObject({ status: 'done', integratedSeconds: null });
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'b', Body: Buffer.alloc(500) }));
    expect(await sampleStorage(database(), { conn: conn(), now: at('2026-04-01T02:00:00Z') })).toMatchObject({ status: 'done', integratedSeconds: 4 * 3600 });

    // The bucket is deleted and made again: a new epoch, kept apart from the old one.
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'a' }));
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'b' }));
    await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'c', Body: Buffer.alloc(7) }));
    // Round 2's 1500 bytes held 1 h, until round 3.
    await sampleStorage(database(), { conn: conn(), now: at('2026-04-01T03:00:00Z') });
    // Round 3: the old epoch is gone (nothing), the new one holds 7 bytes for 10 s.
    await sampleStorage(database(), { conn: conn(), now: at('2026-04-01T03:00:10Z') });

    const daily = ((await database().db.execute(sql`select to_char(day, 'YYYY-MM-DD') as day, epoch::text as epoch, byte_seconds::text as bs from storage_daily where bucket = ${bucket} order by day, epoch`)) as unknown as {
      rows: { day: string; epoch: string; bs: string }[];
    }).rows;
    expect(daily).toEqual([
      { day: '2026-03-31', epoch: '0', bs: String(1000 * 7200) },
      { day: '2026-04-01', epoch: '0', bs: String(1000 * 7200 + 1500 * 3600) },
      { day: '2026-04-01', epoch: '1', bs: String(7 * 10) },
    ]);

    // The figures: GB-month over each month's own length; March has 31 days, April 30.
    const march = await usageSeries(database().db, { from: '2026-03-01', to: '2026-05-01', group: 'month', scope: { userId } });
    expect(march.series.map((s) => [s.period, s.storageByteSeconds])).toEqual([
      ['2026-03', '7200000'],
      ['2026-04', String(1000 * 7200 + 1500 * 3600 + 70)],
    ]);
    expect(march.series[0].storageGbMonth).toBe('0.000000003'); // 7.2e6 / (1e9 × 2678400) = 2.69e-9
    const perEpoch = await usageSeries(database().db, { from: '2026-04-01', to: '2026-04-02', group: 'day', scope: { bucket, epoch: 1n } });
    expect(perEpoch.totals.storageByteSeconds).toBe('70');

    const invoice = await invoiceLines(database().db, { userId, month: '2026-04' });
    expect(invoice.lines.map((l) => [l.bucket, l.epoch, l.storageByteSeconds])).toEqual([
      [bucket, '0', String(1000 * 7200 + 1500 * 3600)],
      [bucket, '1', '70'],
    ]);
    const csv = invoiceCsv(invoice, { month: '2026-04', userId, email: '=cmd()' }).split('\r\n');
    expect(csv[0]).toMatch(/^month,user_id,user_email,bucket,epoch,storage_byte_seconds,storage_gb_month,/);
    expect(csv[3]).toContain(`,'=cmd(),TOTAL,,12600070,`);

    // The day's storage is traced to the rounds behind it, with what each contributed.
    const trace = await traceUsage(database().db, { day: '2026-04-01', scope: { bucket } });
    expect(trace.rounds.map((r) => [r.at, r.bytes, r.secondsInDay, r.byteSeconds])).toEqual([
      ['2026-03-31T22:00:00Z', '1000', 7200, '7200000'],
      ['2026-04-01T02:00:00Z', '1500', 3600, '5400000'],
      ['2026-04-01T03:00:00Z', '7', 10, '70'],
    ]);
  });

  it('skips quietly a round in the same second as the last (another instance just took one), refuses one earlier, and records nothing of either', async () => {
    const before = await rounds();
    expect(await sampleStorage(database(), { conn: conn(), now: at('2026-04-01T03:00:10.900Z') })).toMatchObject({ status: 'skipped', reason: expect.stringContaining('this very second') });
    await expect(sampleStorage(database(), { conn: conn(), now: at('2026-04-01T03:00:09.000Z') })).rejects.toThrow(/clock is behind/);
    expect(await rounds()).toEqual(before);
  });

  it('records nothing when the gateway cannot list the buckets', async () => {
    await gw.testApi('PUT', '/__sim/faults/ostor-buckets', { mode: 'error', status: 500, count: 10 });
    try {
      await expect(sampleStorage(database(), { conn: conn(), now: at('2026-04-02T00:00:00Z') })).rejects.toThrow();
    } finally {
      await gw.testApi('DELETE', '/__sim/faults/ostor-buckets');
    }
    const last = (await database().db.execute(sql`select max(at) as at from storage_rounds`)) as unknown as { rows: { at: Date | string }[] };
    expect(new Date(last.rows[0].at).toISOString()).toBe('2026-04-01T03:00:10.000Z');
  });

  it('records nothing, and says why, when the gateway lists a bucket the ledger cannot keep', async () => {
    const huge = '{"Buckets":[{"size":{"current":9223372036854775808,"h_integral":0,"hmax":0,"last_ts":1},"epoch":0,"owner_id":"aaaaaaaaaaaaaaaa","name":"odd","creation_date":"2026-01-01T00:00:00Z"}]}';
    const gateway = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(huge));
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    const before = await rounds();
    try {
      const url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
      await expect(sampleStorage(database(), { conn: { ...conn(), url }, now: at('2026-04-02T12:00:00Z') })).rejects.toThrow('The gateway lists bucket "odd" with a size of 9223372036854775808 bytes, beyond what the ledger keeps (2^63 - 1): nothing was recorded.');
    } finally {
      gateway.close();
    }
    expect(await rounds()).toBe(before);
  });

  it('records a round of more than one statement whole, names as the gateway gave them', async () => {
    const names = Array.from({ length: 12_345 }, (_, i) => (i === 7_000 ? 'quote"and\\backslash' : `many-${i}`));
    const listed = JSON.stringify({
      Buckets: names.map((name, i) => ({ size: { current: i, h_integral: 0, hmax: i, last_ts: 1 }, epoch: 0, owner_id: 'bbbbbbbbbbbbbbbb', name, creation_date: '2026-01-01T00:00:00Z' })),
    });
    const gateway = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(listed));
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
      const done = await sampleStorage(database(), { conn: { ...conn(), url }, now: at('2026-04-02T18:00:00Z') });
      expect(done).toMatchObject({ status: 'done', buckets: 12_345 });
      const stored = await rows<{ bucket: string; size: string }>(
        database().db,
        sql`select bucket, size::text as size from storage_samples where round_id = ${done.status === 'done' ? done.roundId : -1} order by size::bigint`,
      );
      expect(stored.map((r) => r.bucket)).toEqual(names);
      expect(stored.map((r) => r.size)).toEqual(names.map((_, i) => String(i)));
    } finally {
      gateway.close();
    }
  });

  it('lets one sampler at a time take a round', async () => {
    const results = await Promise.all([1, 2].map((n) => sampleStorage(database(), { conn: conn(), now: at(`2026-04-03T00:00:0${n}Z`) })));
    expect(results.map((r) => r.status).sort()).toEqual(['busy', 'done']);
  });
});

describe('a storage round’s buckets', () => {
  const bucket = (epoch: number, current: bigint) => ({ name: 'odd', owner_id: 'aaaaaaaaaaaaaaaa', creation_date: '2026-01-01T00:00:00Z', epoch, size: { current, h_integral: 0n, hmax: 0n, last_ts: 0 } });

  it('are kept up to what the ledger holds (a 64-bit integer), as the array literals the statements send', () => {
    const columns = new SampleColumns();
    columns.add({ ...bucket(3, 2n ** 63n - 1n), size: { current: 2n ** 63n - 1n, h_integral: 2n ** 70n, hmax: 12n, last_ts: 0 } });
    expect(columns.batches()).toEqual([['{"odd"}', '{3}', '{"aaaaaaaaaaaaaaaa"}', '{9223372036854775807}', `{${2n ** 70n}}`, '{12}']]);
  });

  it('are sent 5,000 to a statement, a name that needs escaping escaped', () => {
    const columns = new SampleColumns();
    for (let i = 0; i < 10_001; i++) columns.add({ ...bucket(i, BigInt(i)), name: i === 10_000 ? 'a"b\\c' : `b${i}` });
    const batches = columns.batches();
    expect(columns.length).toBe(10_001);
    expect(batches.map(([names]) => names.split(',').length)).toEqual([5000, 5000, 1]);
    expect(batches[1][1]).toBe(`{${Array.from({ length: 5000 }, (_, i) => 5000 + i).join(',')}}`);
    expect(batches[2][0]).toBe('{"a\\"b\\\\c"}');
    // Asked again, the same batches: the last one is not closed twice.
    expect(columns.batches()).toHaveLength(3);
  });

  it('refuse the round in words when the gateway says what the ledger cannot keep', () => {
    const huge = new SampleColumns();
    huge.add(bucket(3, 2n ** 63n));
    huge.add(bucket(4, 5n));
    expect(huge.refusal).toBe('The gateway lists bucket "odd" with a size of 9223372036854775808 bytes, beyond what the ledger keeps (2^63 - 1): nothing was recorded.');
    expect(huge.length).toBe(0);
    const fractional = new SampleColumns();
    fractional.add(bucket(1.5, 10n));
    expect(fractional.refusal).toMatch(/bucket "odd" with the epoch 1.5, which is not a whole number/);
  });
});
