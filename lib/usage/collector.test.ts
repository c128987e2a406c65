import { spawn } from 'node:child_process';
import path from 'node:path';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testGateway } from '@/sim/testing/harness';
import { sdkClient } from '@/sim/testing/sdk';
import { usageObjectName } from '@/sim/usage/recorder';
import { openDatabase, type Database } from '../db/client';
import { createServerDatabase } from '../db/testing';
import type { GatewayConnection } from '../gateway/request';
import { collectUsage } from './collector';
import { rows } from './figures';
import { nextMonth } from './periods';
import { invoiceLines } from './invoice';
import { usageSeries } from './series';

const gw = testGateway();
const root = path.resolve(import.meta.dirname, '../..');
const FAR_FUTURE = () => new Date('2100-01-01T00:00:00Z');

/** A statistics object of a minute, as `/__sim/usage/raw` takes it: its name, and its body with the items' JSON as given (numbers beyond 2^53 written out). */
const rawObject = (serviceId: string, startMs: number, items: string[]) => ({
  name: usageObjectName(serviceId, startMs, 60),
  body: `{"fmt_version": 1, "service_id": 1, "start_ts": ${startMs / 1000}, "period": 60, "nr_items": ${items.length}, "items": [${items.join(', ')}]}`,
});
const conn = (): GatewayConnection => ({ url: gw.sim.url, accessKeyId: gw.sim.systemKey.id, secret: gw.sim.systemKey.secret, signature: 'v4', region: 'us-east-1', timeoutMs: 5000 });

/** Collected totals per bucket generation, from the ledger's items or from its daily sums. */
async function ledgerTotals(database: Database, table = sql`usage_items`) {
  const result = (await database.db.execute(sql`
    select bucket, epoch::text as epoch, sum(ops_put)::text as put, sum(ops_get)::text as get, sum(ops_list)::text as list,
           sum(ops_other)::text as other, sum(bytes_uploaded)::text as uploaded, sum(bytes_downloaded)::text as downloaded
    from ${table} group by bucket, epoch`)) as unknown as { rows: Record<string, string>[] };
  return new Map(result.rows.map((r) => [`${r.bucket}/${r.epoch}`, { ops: { put: +r.put, get: +r.get, list: +r.list, other: +r.other }, net_io: { uploaded: +r.uploaded, downloaded: +r.downloaded } }]));
}

async function truthTotals() {
  const truth = await gw.testApi('GET', '/__sim/truth');
  return new Map((truth.buckets as { bucket: string; epoch: number; counters: unknown }[]).map((b) => [`${b.bucket}/${b.epoch}`, b.counters]));
}

async function expectLedgerEqualsTruth(database: Database) {
  const ledger = await ledgerTotals(database);
  const truth = await truthTotals();
  for (const [key, counters] of truth) expect(ledger.get(key) ?? null, key).toEqual(counters);
  expect([...ledger.keys()].sort()).toEqual([...truth.keys()].sort());
  // The daily sums the reports read always equal the items.
  expect(await ledgerTotals(database, sql`usage_daily`)).toEqual(ledger);
}

describe('the usage collector', () => {
  let embedded: Database;
  /** A query's rows on the embedded database. */
  const read = (query: SQL) => rows<Record<string, string>>(embedded.db, query);
  beforeAll(async () => {
    embedded = await openDatabase({ dataDir: null });
  });
  afterAll(async () => {
    await embedded.close();
  });

  it('collects real traffic exactly: equal to the byte and the request, and empties the gateway', async () => {
    for (const [i, email] of ['u1@example.com', 'u2@example.com'].entries()) {
      const { key } = await gw.createUser(email);
      const s3 = sdkClient(gw.sim.url, key);
      await s3.send(new CreateBucketCommand({ Bucket: `traffic-${i}` }));
      for (let n = 0; n < 5 + i; n++) await s3.send(new PutObjectCommand({ Bucket: `traffic-${i}`, Key: `k${n}`, Body: Buffer.alloc(1000 * (n + 1), 1) }));
      for (let n = 0; n < 3; n++) await (await s3.send(new GetObjectCommand({ Bucket: `traffic-${i}`, Key: `k${n}` }))).Body!.transformToByteArray();
      await gw.testApi('POST', '/__sim/flush');
    }
    const result = await collectUsage(embedded, { conn: conn(), now: FAR_FUTURE });
    expect(result).toMatchObject({ status: 'done', total: 2, collected: 2, deleted: 2, errors: [] });
    await expectLedgerEqualsTruth(embedded);
    expect((await gw.adminJson('GET', 'ostor-usage')).items).toEqual([]);
    expect(await collectUsage(embedded, { conn: conn(), now: FAR_FUTURE })).toMatchObject({ total: 0, collected: 0 });

    // The billing figures, per user and for the month's invoice, equal the simulator's truth too.
    const truth = (await gw.testApi('GET', '/__sim/truth')).buckets as { bucket: string; owner_id: string; counters: { ops: Record<string, number>; net_io: Record<string, number> } }[];
    // (The objects' months, from the ledger: a run at a month's last minute may span two.)
    const months = ((await embedded.db.execute(sql`select distinct to_char(start_at at time zone 'UTC', 'YYYY-MM') as m from usage_objects order by 1`)) as unknown as { rows: { m: string }[] }).rows.map((r) => r.m);
    for (const b of truth) {
      const sum = { put: 0n, get: 0n, list: 0n, other: 0n, up: 0n, down: 0n };
      for (const month of months) {
        for (const line of (await invoiceLines(embedded.db, { userId: b.owner_id, month })).lines.filter((l) => l.bucket === b.bucket)) {
          sum.put += BigInt(line.requests.put);
          sum.get += BigInt(line.requests.get);
          sum.list += BigInt(line.requests.list);
          sum.other += BigInt(line.requests.other);
          sum.up += BigInt(line.uploadedBytes);
          sum.down += BigInt(line.downloadedBytes);
        }
      }
      expect(sum).toEqual({
        put: BigInt(b.counters.ops.put),
        get: BigInt(b.counters.ops.get),
        list: BigInt(b.counters.ops.list),
        other: BigInt(b.counters.ops.other),
        up: BigInt(b.counters.net_io.uploaded),
        down: BigInt(b.counters.net_io.downloaded),
      });
      const series = await usageSeries(embedded.db, { from: `${months[0]}-01`, to: nextMonth(months.at(-1)!), group: 'month', scope: { userId: b.owner_id } });
      expect(series.totals.uploadedBytes).toBe(String(b.counters.net_io.uploaded));
      expect(series.totals.uploadedGb).toBe((b.counters.net_io.uploaded / 1e9).toFixed(9));
    }
  });

  it('stores objects in groups: items over several statements, daily sums on the right day across midnight', async () => {
    const start = Date.UTC(2023, 2, 1, 23, 30);
    await gw.testApi('POST', '/__sim/usage/generate', { objects: 70, items: 70, start, serviceId: '8000000000000077' });
    expect(await collectUsage(embedded, { conn: conn(), now: FAR_FUTURE })).toMatchObject({ collected: 70, deleted: 70, errors: [] });
    const fromItems = await read(sql`select (start_at at time zone 'UTC')::date::text as day, count(*)::text as n, sum(ops_put)::text as put, sum(bytes_downloaded)::text as down
      from usage_items where object_name like '%8000000000000077%' group by 1 order by 1`);
    expect(fromItems.length).toBeGreaterThanOrEqual(2);
    expect(fromItems.reduce((n, r) => n + Number(r.n), 0)).toBe(70 * 70);
    const daily = await read(sql`select day::text as day, sum(ops_put)::text as put, sum(bytes_downloaded)::text as down from usage_daily where day between '2023-03-01' and '2023-03-31' group by 1 order by 1`);
    expect(daily).toEqual(fromItems.map(({ day, put, down }) => ({ day, put, down })));
    let put = 0;
    for (let o = 0; o < 70; o++) for (let i = 0; i < 70; i++) put += (i % 7) + 1;
    expect(fromItems.reduce((n, r) => n + Number(r.put), 0)).toBe(put);
    // Full groups of 32 while reads could add to them, then the rest: three transactions (a
    // transaction's objects share its start time), whatever the order reads came back in.
    const groups = await read(sql`select count(*)::text as n from usage_objects where name like '%8000000000000077%' group by collected_at order by 1`);
    expect(groups.map((g) => Number(g.n)).sort((a, b) => a - b)).toEqual([6, 32, 32]);
  });

  it('keeps an object longer than a statement as parts of 5000 items, each item in its place', async () => {
    const start = Date.UTC(2023, 5, 1);
    await gw.testApi('POST', '/__sim/usage/generate', { objects: 2, items: 6000, start, serviceId: '8000000000000078' });
    expect(await collectUsage(embedded, { conn: conn(), now: FAR_FUTURE })).toMatchObject({ collected: 2, errors: [] });
    // Statements of at most 5000 items, whole parts each: an object's parts are its first 5000 items, then the rest.
    const sets = ((await embedded.db.execute(sql`
      select object_name as name, part, cardinality(buckets) as n, buckets, ops_put::text[] as put, bytes_uploaded::text[] as up
      from usage_item_sets where object_name like '%8000000000000078%' order by object_name, part`)) as unknown as {
      rows: { name: string; part: number; n: number; buckets: string[]; put: string[]; up: string[] }[];
    }).rows;
    const names = [...new Set(sets.map((r) => r.name))];
    const partSizes = names.map((name) => sets.filter((r) => r.name === name).map((r) => [r.part, r.n]));
    expect(partSizes).toHaveLength(2);
    expect(partSizes).toEqual([
      [
        [0, 5000],
        [1, 1000],
      ],
      [
        [0, 5000],
        [1, 1000],
      ],
    ]);
    for (const [o, name] of names.entries()) {
      const parts = sets.filter((r) => r.name === name);
      const indices = Array.from({ length: 6000 }, (_, i) => i);
      expect(parts.flatMap((r) => r.buckets)).toEqual(indices.map((i) => `bench-${i}`));
      expect(parts.flatMap((r) => r.put)).toEqual(indices.map((i) => String((i % 7) + 1)));
      expect(parts.flatMap((r) => r.up)).toEqual(indices.map((i) => String((i + 1) * 1000 + o)));
    }
  });

  it('leaves objects that may still grow for the next run', async () => {
    const { key } = await gw.createUser('young@example.com');
    await gw.as(key, 'PUT', '/young-bucket');
    await gw.testApi('POST', '/__sim/flush');
    expect(await collectUsage(embedded, { conn: conn() })).toMatchObject({ total: 1, collected: 0, skipped: 1 });
    expect(await collectUsage(embedded, { conn: conn(), now: FAR_FUTURE })).toMatchObject({ collected: 1 });
    await expectLedgerEqualsTruth(embedded);
  });

  it('quarantines an object that does not parse and keeps it on the gateway; survives read failures', async () => {
    const bad = 's3-usage-8000000000000099-2020-01-01T00:00:00.000Z-60';
    await gw.testApi('POST', '/__sim/usage/raw', { name: bad, body: '{"fmt_version": 1, "items": [' });
    await gw.testApi('POST', '/__sim/usage/generate', { objects: 3, items: 4, start: Date.UTC(2020, 1, 1) });
    await gw.testApi('PUT', '/__sim/faults/ostor-usage', { mode: 'error', status: 500, skip: 2, count: 3 });
    const first = await collectUsage(embedded, { conn: conn(), now: FAR_FUTURE, concurrency: 1 });
    expect(first.status === 'done' && first.errors.length).toBe(1);
    const second = await collectUsage(embedded, { conn: conn(), now: FAR_FUTURE });
    expect(second).toMatchObject({ errors: [] });
    expect((await gw.adminJson('GET', 'ostor-usage')).items).toEqual([bad]);
    const quarantined = (await embedded.db.execute(sql`select name, reason from usage_objects where status = 'quarantined'`)) as unknown as { rows: { name: string; reason: string }[] };
    expect(quarantined.rows).toEqual([{ name: bad, reason: expect.stringMatching(/not valid JSON/) }]);
    await expectLedgerEqualsTruth(embedded);
  });

  it('takes a garbled, cut-short or failed read as no verdict: tried again, then collected exactly', async () => {
    await collectUsage(embedded, { conn: conn(), now: FAR_FUTURE });
    await gw.testApi('POST', '/__sim/usage/generate', { objects: 4, items: 5, start: Date.UTC(2020, 5, 1) });
    // The listing passes; then two reads come back garbled, one cut short, one as a failure.
    await gw.testApi('PUT', '/__sim/faults/ostor-usage', { mode: 'malformed', skip: 1, count: 2 });
    const first = await collectUsage(embedded, { conn: conn(), now: FAR_FUTURE, concurrency: 1 });
    expect(first).toMatchObject({ status: 'done', collected: 2, failing: 2, quarantined: 0 });
    const failing = (await embedded.db.execute(sql`select attempts, reason from usage_objects where status = 'failing'`)) as unknown as { rows: { attempts: number; reason: string }[] };
    expect(failing.rows).toEqual([
      { attempts: 1, reason: expect.stringMatching(/JSON/) },
      { attempts: 1, reason: expect.stringMatching(/JSON/) },
    ]);
    await gw.testApi('POST', '/__sim/usage/generate', { objects: 2, items: 5, start: Date.UTC(2020, 6, 1) });
    await gw.testApi('PUT', '/__sim/faults/ostor-usage', { mode: 'truncate', skip: 1, count: 1 });
    const second = await collectUsage(embedded, { conn: conn(), now: FAR_FUTURE, concurrency: 1 });
    expect(second).toMatchObject({ quarantined: 0, failing: 1 });
    await gw.testApi('PUT', '/__sim/faults/ostor-usage', { mode: 'reset', skip: 1, count: 3 });
    const third = await collectUsage(embedded, { conn: conn(), now: FAR_FUTURE, concurrency: 1 });
    expect(third.status === 'done' && third.errors).toHaveLength(1);
    const clean = await collectUsage(embedded, { conn: conn(), now: FAR_FUTURE });
    expect(clean).toMatchObject({ errors: [], quarantined: 0, failing: 0 });
    // Only the object quarantined by the test before is left on the gateway.
    expect((await gw.adminJson('GET', 'ostor-usage')).items).toEqual(['s3-usage-8000000000000099-2020-01-01T00:00:00.000Z-60']);
    const left = (await embedded.db.execute(sql`select count(*)::int as n from usage_objects where status = 'failing'`)) as unknown as { rows: { n: number }[] };
    expect(left.rows[0].n).toBe(0);
    await expectLedgerEqualsTruth(embedded);
  });

  it('quarantines only the same complete body failing on two runs, and collects it after a retry once it reads well', async () => {
    const name = 's3-usage-8000000000000098-2020-03-01T00:00:00.000Z-60';
    await gw.testApi('POST', '/__sim/usage/raw', { name, body: '{"fmt_version": 1, "items": [' });
    expect(await collectUsage(embedded, { conn: conn(), now: FAR_FUTURE })).toMatchObject({ failing: 1, quarantined: 0 });
    // Another bad body (the object changed): still no verdict.
    await gw.testApi('POST', '/__sim/usage/raw', { name, body: '{"fmt_version": 1, "items": [{' });
    expect(await collectUsage(embedded, { conn: conn(), now: FAR_FUTURE })).toMatchObject({ failing: 1, quarantined: 0 });
    expect(await collectUsage(embedded, { conn: conn(), now: FAR_FUTURE })).toMatchObject({ failing: 0, quarantined: 1 });
    // Quarantined: left alone by every run (with the one quarantined before).
    expect(await collectUsage(embedded, { conn: conn(), now: FAR_FUTURE })).toMatchObject({ skipped: 2, quarantined: 0 });
    const good = { fmt_version: 1, service_id: 1, start_ts: 1583020800, period: 60, nr_items: 1, items: [{ key: { bucket: 'retried', epoch: 0, user_id: 'aaaaaaaaaaaaaaaa', tag: '' }, counters: { ops: { put: 7, get: 0, list: 0, other: 0 }, net_io: { uploaded: 70, downloaded: 0 } } }] };
    await gw.testApi('POST', '/__sim/usage/raw', { name, body: JSON.stringify(good) });
    // What "Retry collection" does (lib/usage/statistics.ts, tested with its route).
    await embedded.db.execute(sql`update usage_objects set status = 'failing', failed_body_sha256 = null where name = ${name}`);
    expect(await collectUsage(embedded, { conn: conn(), now: FAR_FUTURE })).toMatchObject({ collected: 1, deleted: 1 });
    const row = (await embedded.db.execute(sql`select status, items from usage_objects where name = ${name}`)) as unknown as { rows: unknown[] };
    expect(row.rows).toEqual([{ status: 'collected', items: 1 }]);
  });

  // Raw objects are not the simulator's traffic: after the tests that compare the ledger with it.
  it('sums a day exactly beyond 2^53, as the items are', async () => {
    const item = (put: string, get: string, down: string) =>
      `{"key": {"bucket": "huge", "epoch": 0, "user_id": "bbbbbbbbbbbbbbbb", "tag": ""}, "counters": {"ops": {"put": ${put}, "get": ${get}, "list": 0, "other": 0}, "net_io": {"uploaded": 0, "downloaded": ${down}}}}`;
    const object = (minute: number, items: string[]) => rawObject('8000000000000076', Date.UTC(2020, 7, 1, 0, minute), items);
    // put crosses 2^53 within a day; downloaded starts beyond it and ends beyond 2^64; get stays small.
    await gw.testApi('POST', '/__sim/usage/raw', object(1, [item('9007199254740990', '3', '9000000000000000000'), item('1', '4', '1')]));
    await gw.testApi('POST', '/__sim/usage/raw', object(2, [item('2', '2', '9000000000000000000')]));
    expect(await collectUsage(embedded, { conn: conn(), now: FAR_FUTURE })).toMatchObject({ collected: 2, errors: [] });
    const daily = await read(sql`select ops_put::text as put, ops_get::text as get, bytes_downloaded::text as down from usage_daily where bucket = 'huge'`);
    expect(daily).toEqual([{ put: '9007199254740993', get: '9', down: '18000000000000000001' }]);
  });

  it('records objects without items, alone or beside others, and keeps odd bucket names and tags exactly', async () => {
    const object = (minute: number, items: string[]) => rawObject('8000000000000079', Date.UTC(2020, 8, 1, 0, minute), items);
    const item = (bucket: string, tag: string, put: number) =>
      JSON.stringify({ key: { bucket, epoch: 3, user_id: 'cccccccccccccccc', tag }, counters: { ops: { put, get: 0, list: 0, other: 0 }, net_io: { uploaded: 0, downloaded: 0 } } });
    const ledger = () => read(sql`select name, items::int as items, status from usage_objects where name like '%8000000000000079%' order by name`);
    // Alone: a run whose only object has no items.
    await gw.testApi('POST', '/__sim/usage/raw', object(1, []));
    expect(await collectUsage(embedded, { conn: conn(), now: FAR_FUTURE })).toMatchObject({ collected: 1, deleted: 1, errors: [] });
    // Beside objects with items, in one group.
    await gw.testApi('POST', '/__sim/usage/raw', object(2, []));
    await gw.testApi('POST', '/__sim/usage/raw', object(3, [item('odd"name\\with,{braces}', 'a "tag"', 2), item('plain', '', 5)]));
    await gw.testApi('POST', '/__sim/usage/raw', object(4, []));
    expect(await collectUsage(embedded, { conn: conn(), now: FAR_FUTURE, concurrency: 1 })).toMatchObject({ collected: 3, deleted: 3, errors: [] });
    expect(await ledger()).toEqual([1, 2, 3, 4].map((m) => ({ name: object(m, []).name, items: m === 3 ? 2 : 0, status: 'collected' })));
    expect(await read(sql`select object_name as name, part from usage_item_sets where object_name like '%8000000000000079%'`)).toEqual([{ name: object(3, []).name, part: 0 }]);
    expect(await read(sql`select bucket, epoch::int as epoch, tag, ops_put::int as put from usage_items where object_name like '%8000000000000079%' order by bucket`)).toEqual([
      { bucket: 'odd"name\\with,{braces}', epoch: 3, tag: 'a "tag"', put: 2 },
      { bucket: 'plain', epoch: 3, tag: '', put: 5 },
    ]);
    expect(await read(sql`select bucket, ops_put::int as put from usage_daily where day = '2020-09-01' and user_id = 'cccccccccccccccc' order by bucket`)).toEqual([
      { bucket: 'odd"name\\with,{braces}', put: 2 },
      { bucket: 'plain', put: 5 },
    ]);
    // Every one of them recorded, then deleted on the gateway.
    expect(((await gw.adminJson('GET', 'ostor-usage')).items as string[]).filter((n) => n.includes('8000000000000079'))).toEqual([]);
  });

  it("leaves out the items of objects another run recorded while they were read, in one statement or over several", async () => {
    // Three objects of 6,000 items (a group over several statements) in one run, five of ten (one statement) in another.
    for (const [service, objects, items] of [
      ['8000000000000074', 3, 6000],
      ['8000000000000075', 5, 10],
    ] as const) {
      await gw.testApi('POST', '/__sim/usage/generate', { objects, items, start: Date.UTC(2024, 2, 1), serviceId: service });
      const names = ((await gw.adminJson('GET', 'ostor-usage')).items as string[]).filter((n) => n.includes(service)).sort();
      const elsewhere = [names[1], names[3]].filter(Boolean);
      // Reads are slow; once the run has read its ledger, another run records two of the objects.
      await gw.testApi('PUT', '/__sim/faults/ostor-usage', { latencyMs: 600, skip: 1 });
      let marked: Promise<unknown> | null = null;
      const result = await collectUsage(embedded, {
        conn: conn(),
        now: FAR_FUTURE,
        onProgress: () => {
          marked ??= new Promise((resolve) => setTimeout(resolve, 250)).then(() =>
            embedded.db.execute(sql`insert into usage_objects (name, service_id, start_at, nominal_period, items, status)
              select n, ${service}, now(), 60, 0, 'collected' from unnest(${`{${elsewhere.join(',')}}`}::text[]) as n`),
          );
        },
      });
      await gw.testApi('DELETE', '/__sim/faults/ostor-usage');
      await marked;
      expect(result).toMatchObject({ collected: objects - elsewhere.length, deleted: objects, errors: [] });
      const stored = await read(sql`select object_name as name, sum(cardinality(buckets))::int as n from usage_item_sets where object_name like ${`%${service}%`} group by 1 order by 1`);
      expect(stored).toEqual(names.filter((n) => !elsewhere.includes(n)).map((name) => ({ name, n: items })));
      const [daily] = await read(sql`select sum(ops_put)::text as put from usage_daily where bucket = 'bench-0' and day = '2024-03-01'`);
      const [fromItems] = await read(sql`select sum(ops_put)::text as put from usage_items where bucket = 'bench-0' and start_at >= '2024-03-01' and start_at < '2024-03-02'`);
      expect(daily).toEqual(fromItems);
    }
  });

  it('stops with a clear error on a listing that makes no progress, and releases its lock', async () => {
    await gw.testApi('PUT', '/__sim/faults/ostor-usage', { mode: 'truncate', count: 1 });
    await expect(collectUsage(embedded, { conn: conn() })).rejects.toThrow(/not valid JSON/);
    expect(await collectUsage(embedded, { conn: conn(), now: FAR_FUTURE })).toMatchObject({ status: 'done' });
  });
});

describe('the usage collector on a PostgreSQL server', () => {
  it('counts nothing twice when two collectors start together', async () => {
    const server = await createServerDatabase('staas_collect');
    const [a, b] = [await openDatabase({ url: server.url }), await openDatabase({ url: server.url })];
    try {
      await collectUsage(a, { conn: conn(), now: FAR_FUTURE });
      await gw.testApi('POST', '/__sim/usage/generate', { objects: 40, items: 20, start: Date.UTC(2021, 0, 1) });
      const results = await Promise.all([collectUsage(a, { conn: conn(), now: FAR_FUTURE }), collectUsage(b, { conn: conn(), now: FAR_FUTURE })]);
      expect(results.map((r) => r.status).sort()).toContain('done');
      if (results.every((r) => r.status === 'done')) await collectUsage(a, { conn: conn(), now: FAR_FUTURE });
      await expect(collectUsage(b, { conn: conn(), now: FAR_FUTURE })).resolves.toMatchObject({ status: 'done', collected: 0 });
      // The server database saw only this test's objects: compare it with what they held.
      const [{ n }] = ((await a.db.execute(sql`select count(*)::int as n from usage_objects where status = 'collected' and start_at >= '2021-01-01'`)) as unknown as { rows: { n: number }[] }).rows;
      expect(n).toBe(40);
      const [{ items }] = ((await a.db.execute(sql`select count(*)::int as items from usage_items where start_at >= '2021-01-01'`)) as unknown as { rows: { items: number }[] }).rows;
      expect(items).toBe(800);
      const [daily] = ((await a.db.execute(sql`select sum(ops_put)::text as put, sum(bytes_uploaded)::text as up from usage_daily where day >= '2021-01-01'`)) as unknown as { rows: Record<string, string>[] }).rows;
      const [raw] = ((await a.db.execute(sql`select sum(ops_put)::text as put, sum(bytes_uploaded)::text as up from usage_items where start_at >= '2021-01-01'`)) as unknown as { rows: Record<string, string>[] }).rows;
      expect(daily).toEqual(raw);
    } finally {
      await a.close();
      await b.close();
      await server.drop();
    }
  });

  it('loses nothing and counts nothing twice when killed with SIGKILL at 20 moments', async () => {
    const server = await createServerDatabase('staas_collect');
    const env = {
      ...process.env,
      DATABASE_URL: server.url,
      GATEWAY_URL: gw.sim.url,
      GATEWAY_ACCESS_KEY_ID: gw.sim.systemKey.id,
      GATEWAY_SECRET_ACCESS_KEY: gw.sim.systemKey.secret,
    };
    const database = await openDatabase({ url: server.url });
    try {
      await collectUsage(database, { conn: conn(), now: FAR_FUTURE });
      /** Runs the command; kills it once it has reported `killAfter` objects done (null: let it finish). */
      const runCollector = (killAfter: number | null) =>
        new Promise<number | null>((resolve) => {
          const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/collect-usage.ts', '--verbose'], { cwd: root, env, stdio: ['ignore', 'pipe', 'ignore'] });
          let lines = 0;
          child.stdout!.on('data', (chunk: Buffer) => {
            lines += chunk.toString().split('\n').filter((l) => l.includes(' objects')).length;
            if (killAfter !== null && lines > killAfter) child.kill('SIGKILL');
          });
          child.on('exit', (code) => resolve(code));
        });
      // Each round brings new objects, and the kill comes at a different moment each time: while the
      // process starts, mid-read, mid-transaction, between commit and delete, or not at all.
      let killed = 0;
      for (let round = 0; round < 20; round++) {
        await gw.testApi('POST', '/__sim/usage/generate', { objects: 50, items: 40, start: Date.UTC(2022, 0, 1) + round * 50 * 60_000 });
        if ((await runCollector(round * 2)) === null) killed += 1;
      }
      expect(killed).toBe(20);
      expect(await runCollector(null)).toBe(0);
      expect((await gw.adminJson('GET', 'ostor-usage')).items.filter((n: string) => !n.includes('8000000000000099-2020'))).toEqual([]);
      const rows = ((await database.db.execute(sql`
        select count(*)::int as objects, sum(items)::int as items, count(*) filter (where deleted_at is null)::int as undeleted
        from usage_objects where status = 'collected' and start_at >= '2022-01-01'`)) as unknown as { rows: { objects: number; items: number; undeleted: number }[] }).rows;
      expect(rows[0]).toEqual({ objects: 1000, items: 1000 * 40, undeleted: 0 });
      const [{ n }] = ((await database.db.execute(sql`select count(*)::int as n from usage_items where start_at >= '2022-01-01'`)) as unknown as { rows: { n: number }[] }).rows;
      expect(n).toBe(1000 * 40);
      // And the counters are exactly what the generated objects held (the simulator's formula).
      const expected = { put: 0n, get: 0n, list: 0n, other: 0n, up: 0n, down: 0n };
      for (let round = 0; round < 20; round++) {
        for (let o = 0; o < 50; o++) {
          for (let i = 0; i < 40; i++) {
            expected.put += BigInt((i % 7) + 1);
            expected.get += BigInt((i % 11) + o);
            expected.list += BigInt(i % 3);
            expected.other += BigInt(i % 2);
            expected.up += BigInt((i + 1) * 1000 + o);
            expected.down += BigInt((i + 1) * 3000 + o * 7);
          }
        }
      }
      // In the items, and in the daily sums the reports read.
      for (const [table, since] of [
        [sql`usage_items`, sql`start_at >= '2022-01-01'`],
        [sql`usage_daily`, sql`day >= '2022-01-01'`],
      ]) {
        const [sums] = ((await database.db.execute(sql`
          select sum(ops_put)::text as put, sum(ops_get)::text as get, sum(ops_list)::text as list, sum(ops_other)::text as other,
                 sum(bytes_uploaded)::text as up, sum(bytes_downloaded)::text as down
          from ${table} where ${since}`)) as unknown as { rows: Record<string, string>[] }).rows;
        expect(Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, BigInt(v)]))).toEqual(expected);
      }
    } finally {
      await database.close();
      await server.drop();
    }
  }, 180_000);
});
