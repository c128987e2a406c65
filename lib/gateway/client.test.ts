import http from 'node:http';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { testGateway } from '@/sim/testing/harness';
import { createAccount, deleteAccount } from './accounts';
import { deleteBucket, getBucket, listBuckets, listBucketSummaries, listUserBuckets } from './buckets';
import { getQuota, removeQuota, setQuota } from './quotas';
import { verifyCustomerKeys } from './customer-auth';
import { withGatewayDeadline } from './deadline';
import { GatewayError } from './errors';
import { gatewayRequest, type GatewayConnection } from './request';
import { keptKeys } from './sign-v4';
import type { Bucket, BucketSummary } from './schemas';
import { createUser, deleteUser, generateKey, getUserByEmail, getUserById, listUsers, revokeKey, setUserState } from './users';

const gw = testGateway();

function conn(signature: 'v4' | 'v2' = 'v4', timeoutMs = 2000): GatewayConnection {
  return { url: gw.sim.url, accessKeyId: gw.sim.systemKey.id, secret: gw.sim.systemKey.secret, signature, region: 'us-east-1', timeoutMs };
}

async function failure(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('the call succeeded');
}

describe('gateway client', () => {
  it.each(['v4', 'v2'] as const)('runs the user and account lifecycle signed with %s', async (sig) => {
    const c = conn(sig);
    const email = `life+${sig}&co@example.com`;
    const created = await createUser(email, c);
    expect(created.UserEmail).toBe(email);
    expect((await getUserByEmail(email, c)).UserId).toBe(created.UserId);
    expect((await getUserById(created.UserId, c)).UserEmail).toBe(email);
    expect((await listUsers(c)).some((u) => u.UserId === created.UserId)).toBe(true);
    const second = await generateKey(email, null, c);
    expect(second.AWSAccessKeys).toHaveLength(1);
    await revokeKey(email, null, created.AWSAccessKeys[0].AWSAccessKeyId, c);
    await setUserState(email, 'disabled', c);
    expect((await getUserById(created.UserId, c)).State).toBe('disabled');
    await setUserState(email, 'enabled', c);
    const account = await createAccount(email, 'acc', c);
    expect(account.Name).toBe('acc');
    await generateKey(email, 'acc', c);
    expect((await getUserById(created.UserId, c)).Accounts[0].AWSAccessKeys).toHaveLength(2);
    await deleteAccount(email, 'acc', c);
    expect(await listUserBuckets(email, c)).toEqual([]);
    await deleteUser(email, c);
    expect((await failure(getUserById(created.UserId, c))).status).toBe(404);
  });

  it('reads bucket sizes losslessly', async () => {
    const c = conn();
    const { key } = await gw.createUser('big@example.com');
    await gw.as(key, 'PUT', '/big-bucket');
    const bucket = gw.sim.store.get('buckets', 'big-bucket')!;
    gw.sim.store.commit([{ c: 'buckets', k: 'big-bucket', v: { ...bucket, integralMs: '2600000000000000000123' } }]);
    const [listed] = await listUserBuckets('big@example.com', c);
    expect(listed.size.h_integral).toBe(2600000000000000000n);
  });

  it('signs a body and a path that needs escaping as the gateway checks them (V4 and V2)', async () => {
    const { key } = await gw.createUser('escaping@example.com');
    const as = (signature: 'v4' | 'v2') => ({ ...conn(signature), accessKeyId: key.id, secret: key.secret });
    await gatewayRequest({ method: 'PUT', path: '/escaping-bucket' }, as('v4'));
    for (const signature of ['v4', 'v2'] as const) {
      const path = `/escaping-bucket/${signature}/a%20b%2Bc%C3%BC`;
      await gatewayRequest({ method: 'PUT', path, body: `body signed with ${signature}` }, as(signature));
      expect((await gatewayRequest({ method: 'GET', path }, as(signature))).text).toBe(`body signed with ${signature}`);
    }
  });

  it('checks a customer’s keys by a signed request as that customer', async () => {
    const { id, key } = await gw.createUser('customer@example.com');
    expect(await verifyCustomerKeys(key.id, key.secret, conn())).toEqual({ ok: true, userId: id });
    expect(await verifyCustomerKeys(key.id, 'wrong'.repeat(8), conn())).toEqual({ ok: false, why: 'keys' });
    expect(await verifyCustomerKeys('0000000000000000ABCD', key.secret, conn())).toEqual({ ok: false, why: 'keys' });
    // A good signature of a disabled user: the gateway refuses the user, not the keys.
    await setUserState('customer@example.com', 'disabled', conn());
    expect(await verifyCustomerKeys(key.id, key.secret, conn())).toEqual({ ok: false, why: 'access-denied' });
    await setUserState('customer@example.com', 'enabled', conn());
    // The console's own signer is kept between calls; a customer's secret is not held beyond its check.
    expect(keptKeys()).toContain(gw.sim.systemKey.id);
    expect(keptKeys()).not.toContain(key.id);
  });
});

describe('limits, quotas and buckets', () => {
  it('reads, sets and removes quotas for a user, a bucket and the defaults', async () => {
    const c = conn();
    const { key } = await gw.createUser('quota-client@example.com');
    await gw.as(key, 'PUT', '/quota-client');
    for (const target of [{ emailAddress: 'quota-client@example.com' }, { bucket: 'quota-client' }, { default: 'user' as const }, { default: 'bucket' as const }]) {
      expect(await getQuota(target, c)).toBe(0);
      await setQuota(target, 42, c);
      expect(await getQuota(target, c)).toBe(42);
      await removeQuota(target, c);
      expect(await getQuota(target, c)).toBe(0);
    }
  });

  it('lists every bucket, reads one, and deletes an empty one with a plain S3 DELETE', async () => {
    const c = conn();
    const { id, key } = await gw.createUser('bucket-client@example.com');
    await gw.as(key, 'PUT', '/client-keep');
    await gw.as(key, 'PUT', '/client-keep/object', { body: 'x' });
    await gw.as(key, 'PUT', '/client-drop');
    const all = await listBuckets(every, c);
    expect(all.filter((b) => b.owner_id === id).map((b) => b.name).sort()).toEqual(['client-drop', 'client-keep']);
    expect((await getBucket('client-keep', c)).size.current).toBe(1n);
    expect((await failure(deleteBucket('client-keep', c))).code).toBe('BucketNotEmpty');
    await deleteBucket('client-drop', c);
    expect((await failure(getBucket('client-drop', c))).status).toBe(404);
  });
});

/** A gateway stand-in that answers every request with `chunks`, written `pauseMs` apart. */
async function dribbling(chunks: string[], pauseMs = 0, status = 200) {
  let served = 0;
  const server = http.createServer(async (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    for (const chunk of chunks) {
      res.write(chunk);
      served++;
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, served: () => served, close: () => server.close() };
}

/** A collector that keeps every bucket whole, in order. */
const every = () => {
  const all: Bucket[] = [];
  return { add: (b: Bucket) => all.push(b), result: () => all };
};

/** A collector that keeps `keep(bucket)` of every bucket, in order. */
const keeping =
  <T,>(keep: (bucket: BucketSummary) => T) =>
  () => {
    const kept: T[] = [];
    return { add: (b: BucketSummary) => kept.push(keep(b)), result: () => kept };
  };

describe('the whole-gateway bucket list, read as it arrives', () => {
  it('holds every bucket the full list holds, each checked and kept as asked', async () => {
    const c = conn();
    const { id, key } = await gw.createUser('bucket-stream@example.com');
    await gw.as(key, 'PUT', '/stream-one');
    await gw.as(key, 'PUT', '/stream-one/object', { body: 'xyz' });
    await gw.as(key, 'PUT', '/stream-two');
    const full = await listBuckets(every, c);
    const kept = await listBucketSummaries(keeping((b) => ({ name: b.name, owner: b.owner_id, bytes: b.size.current })), c);
    expect(kept).toEqual(full.map((b) => ({ name: b.name, owner: b.owner_id, bytes: b.size.current })));
    expect(kept.filter((b) => b.owner === id)).toEqual([
      { name: 'stream-one', owner: id, bytes: 3n },
      { name: 'stream-two', owner: id, bytes: 0n },
    ]);
  });

  it('takes each bucket as its part of the answer arrives, not when the whole answer is in', async () => {
    const bucket = (i: number) => JSON.stringify({ size: { current: i, h_integral: 0, hmax: i, last_ts: 1 }, epoch: 0, owner_id: 'aaaaaaaaaaaaaaaa', name: `b-${i}`, creation_date: '2026-11-01T00:00:00.000Z' });
    const gateway = await dribbling(['{"Buckets":[', bucket(1), ',', bucket(2), ',', bucket(3), ']}'], 40);
    const seen: number[] = [];
    try {
      const kept = await listBucketSummaries(keeping((b) => (seen.push(gateway.served()), b.name)), { ...conn(), url: gateway.url });
      expect(kept).toEqual(['b-1', 'b-2', 'b-3']);
      // The first bucket was taken while most of the answer was still to be sent.
      expect(seen[0]).toBeLessThan(7);
    } finally {
      gateway.close();
    }
  });

  it.each([
    ['cut short', ['{"Buckets":[{"size":{"current":1'], /not valid JSON \(HTTP 200, \d+ bytes\)/],
    ['not JSON', ['<html>busy</html>'], /not valid JSON/],
    ['with no list', ['{"Users":[]}'], /expected shape/],
    ['with a bucket of the wrong shape', ['{"Buckets":[{"name":7}]}'], /expected shape/],
  ])('an answer %s is an invalid response', async (_what, chunks, message) => {
    const gateway = await dribbling(chunks as string[]);
    try {
      const error = await failure(listBucketSummaries(keeping((b) => b), { ...conn(), url: gateway.url }));
      expect(error.kind).toBe('invalid-response');
      expect(error.message).toMatch(message as RegExp);
    } finally {
      gateway.close();
    }
  });

  it('a collector’s own reason to stop ends the call as it is: not an invalid answer, not a lost connection, not tried again', async () => {
    const bucket = JSON.stringify({ size: { current: 1, h_integral: 0, hmax: 1, last_ts: 1 }, epoch: 0, owner_id: 'aaaaaaaaaaaaaaaa', name: 'b-1', creation_date: '2026-11-01T00:00:00.000Z' });
    // One chunk an answer: what the gateway served is how often it was asked.
    const gateway = await dribbling([`{"Buckets":[${bucket}]}`]);
    const reason = new RangeError('a collector’s own reason');
    try {
      const stopping = () => ({
        add: () => {
          throw reason;
        },
        result: () => null,
      });
      await expect(listBucketSummaries(stopping, { ...conn(), url: gateway.url })).rejects.toBe(reason);
      expect(gateway.served()).toBe(1);
    } finally {
      gateway.close();
    }
  });

  it('a try cut off halfway is retried from the start: nothing of it is kept twice', async () => {
    const bucket = (i: number) => JSON.stringify({ size: { current: i, h_integral: 0, hmax: i, last_ts: 1 }, epoch: 0, owner_id: 'aaaaaaaaaaaaaaaa', name: `b-${i}`, creation_date: '2026-11-01T00:00:00.000Z' });
    let tries = 0;
    const server = http.createServer(async (_req, res) => {
      tries++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(`{"Buckets":[${bucket(1)},${bucket(2)},`);
      await new Promise((resolve) => setTimeout(resolve, 30));
      // The first try's connection drops after two buckets went through.
      if (tries === 1) res.destroy();
      else res.end(`${bucket(3)}]}`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const taken: string[] = [];
    try {
      const kept = await listBucketSummaries(keeping((b) => (taken.push(b.name), b.name)), { ...conn(), url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
      expect(tries).toBe(2);
      expect(taken).toEqual(['b-1', 'b-2', 'b-1', 'b-2', 'b-3']);
      expect(kept).toEqual(['b-1', 'b-2', 'b-3']);
    } finally {
      server.close();
    }
  });

  it('a list that keeps arriving is read to its end however long it takes; a silence longer than the timeout ends it', async () => {
    const user = (i: number) => JSON.stringify({ UserEmail: `u${i}@example.com`, UserId: `id-${i}`, State: 'enabled' });
    // Twelve parts 100 ms apart: longer in all than one try's timeout and the whole budget.
    const parts = ['[', ...Array.from({ length: 10 }, (_, i) => `${user(i)},`), `${user(10)}]`];
    const steady = await dribbling(parts, 100);
    try {
      const started = Date.now();
      const users = await listUsers({ ...conn('v4', 400), url: steady.url, deadlineMs: 700 });
      expect(users.map((u) => u.UserId)).toEqual(Array.from({ length: 11 }, (_, i) => `id-${i}`));
      expect(Date.now() - started).toBeGreaterThan(700);
    } finally {
      steady.close();
    }

    // Silent for longer than the timeout halfway: the try ends, and tries stop at the budget.
    const stalled = await dribbling(['[', `${user(0)},`, `${user(1)},`, `${user(2)}]`], 600);
    try {
      const error = await failure(listUsers({ ...conn('v4', 400), url: stalled.url, deadlineMs: 700 }));
      expect(error.kind).toBe('timeout');
      expect(error.message).toMatch(/did not answer in time: (1 try|2 tries) in 0\.\d s/);
    } finally {
      stalled.close();
    }

    // An answer that is not a list is bounded as a whole, arriving or not.
    const slow = await dribbling(['{"UserEmail":"a@example.com",', '"UserId":"id-a",', '"State":"enabled",', '"Flags":[]}'], 200);
    try {
      const error = await failure(getUserById('id-a', { ...conn('v4', 400), url: slow.url, deadlineMs: 450 }));
      expect(error.kind).toBe('timeout');
    } finally {
      slow.close();
    }
  });

  it('the user list is read the same way, as the vendor guide gives it (a bare array) or under "Users"', async () => {
    const user = (i: number) => JSON.stringify({ UserEmail: `u${i}@example.com`, UserId: `id-${i}`, State: i % 2 ? 'disabled' : 'enabled', Extra: [i] });
    const want = [0, 1, 2].map((i) => ({ UserEmail: `u${i}@example.com`, UserId: `id-${i}`, State: i % 2 ? 'disabled' : 'enabled' }));
    for (const chunks of [['[', user(0), ',', user(1), ',', user(2), ']'], ['{"Count":3,"Users":[', user(0), ',', user(1), ',', user(2), ']}'], ['[]'], ['{"Users":[]}']]) {
      const gateway = await dribbling(chunks, 5);
      try {
        expect(await listUsers({ ...conn(), url: gateway.url }), chunks.join('')).toEqual(chunks.length > 1 ? want : []);
      } finally {
        gateway.close();
      }
    }
    const gateway = await dribbling(['[', user(0), ',{"UserEmail":"x@example.com","State":"enabled"}]']);
    try {
      expect((await failure(listUsers({ ...conn(), url: gateway.url }))).message).toMatch(/expected shape/);
    } finally {
      gateway.close();
    }
  });

  it('a reset, a failure and a mangled answer from the gateway are told apart', async () => {
    await gw.testApi('PUT', '/__sim/faults/ostor-buckets', { mode: 'reset', count: 5 });
    expect((await failure(listBucketSummaries(keeping((b) => b), conn()))).kind).toBe('unreachable');
    await gw.testApi('PUT', '/__sim/faults/ostor-buckets', { mode: 'error', status: 500 });
    expect((await failure(listBucketSummaries(keeping((b) => b), conn()))).kind).toBe('failed');
    await gw.testApi('PUT', '/__sim/faults/ostor-buckets', { mode: 'malformed', count: 1 });
    expect((await failure(listBucketSummaries(keeping((b) => b), conn()))).kind).toBe('invalid-response');
    await gw.testApi('DELETE', '/__sim/faults/ostor-buckets');
  });
});

describe('the connection to the gateway', () => {
  it('is kept open between calls, and a compressed answer is read as well as a plain one', async () => {
    let connections = 0;
    const users = JSON.stringify([{ UserEmail: 'z@example.com', UserId: 'id-z', State: 'enabled' }]);
    const server = http.createServer((req, res) => {
      if (req.url?.includes('gzip')) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.end(zlib.gzipSync(users));
      } else {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(users) });
        res.end(users);
      }
    });
    server.on('connection', () => connections++);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      for (let i = 0; i < 5; i++) expect(await listUsers({ ...conn(), url })).toEqual([{ UserEmail: 'z@example.com', UserId: 'id-z', State: 'enabled' }]);
      expect(connections).toBe(1);
      const plain = await gatewayRequest({ method: 'GET', path: '/plain' }, { ...conn(), url });
      const packed = await gatewayRequest({ method: 'GET', path: '/gzip' }, { ...conn(), url });
      expect(packed.text).toBe(plain.text);
      expect([plain.intact, packed.intact]).toEqual([true, null]);
    } finally {
      server.close();
      server.closeAllConnections();
    }
  });
});

describe('gateway failures become one typed error with words', () => {
  it('a refusal keeps the gateway’s code and says it plainly', async () => {
    await gw.createUser('limit@example.com');
    await generateKey('limit@example.com', null, conn());
    const error = await failure(generateKey('limit@example.com', null, conn()));
    expect(error).toMatchObject({ kind: 'refused', status: 409, code: 'TooManyAccessKeys' });
    expect(error.message).toMatch(/at most 2 active key pairs/);
  });

  it('a wrong system secret is explained', async () => {
    const error = await failure(listUsers({ ...conn(), secret: 'x'.repeat(40) }));
    expect(error).toMatchObject({ kind: 'refused', status: 403, code: 'SignatureDoesNotMatch' });
    expect(error.message).toMatch(/secret key/);
  });

  it('a 500 is retried for reads, then reported', async () => {
    await gw.testApi('PUT', '/__sim/faults/ostor-users', { mode: 'error', status: 503, count: 1 });
    expect((await listUsers(conn())).length).toBeGreaterThan(0);
    await gw.testApi('PUT', '/__sim/faults/ostor-users', { mode: 'error', status: 500 });
    const error = await failure(listUsers(conn()));
    expect(error).toMatchObject({ kind: 'failed', status: 500 });
    expect(error.message).toMatch(/internal error/);
    await gw.testApi('DELETE', '/__sim/faults/ostor-users');
  });

  it('genKey is never retried blindly', async () => {
    await gw.createUser('noretry@example.com');
    await gw.testApi('PUT', '/__sim/faults/ostor-users', { mode: 'error', status: 503, count: 1 });
    expect(await failure(generateKey('noretry@example.com', null, conn()))).toMatchObject({ kind: 'failed', status: 503 });
    expect((await getUserByEmail('noretry@example.com', conn())).AWSAccessKeys).toHaveLength(1);
  });

  it('a hung answer times out', async () => {
    await gw.testApi('PUT', '/__sim/faults/ostor-accounts', { mode: 'hang' });
    const error = await failure(deleteAccount('x@example.com', 'a', conn('v4', 300)));
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/did not answer in time: 1 try in 0\.\d s\./);
    await gw.testApi('DELETE', '/__sim/faults/ostor-accounts');
  });

  it('a read retried against a hanging gateway stops at its budget, and says how many tries in how long', async () => {
    await gw.testApi('PUT', '/__sim/faults/ostor-users', { mode: 'hang' });
    try {
      const started = Date.now();
      const error = await failure(listUsers({ ...conn('v4', 400), deadlineMs: 1000 }));
      expect(error.kind).toBe('timeout');
      expect(error.message).toMatch(/did not answer in time: [23] tries in 1\.\d s\./);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await gw.testApi('DELETE', '/__sim/faults/ostor-users');
    }
  });

  it('inside a console request, every call shares one budget: a later call is not even sent once it is spent', async () => {
    await gw.testApi('PUT', '/__sim/faults/ostor-users', { mode: 'hang' });
    try {
      const errors = await withGatewayDeadline(700, async () => [await failure(listUsers(conn('v4', 5000))), await failure(getUserById('0123456789abcdef', conn('v4', 5000)))]);
      expect(errors[0].message).toMatch(/1 try in 0\.[67] s/);
      expect(errors[1].message).toMatch(/was not asked/);
    } finally {
      await gw.testApi('DELETE', '/__sim/faults/ostor-users');
    }
  });

  it('a reset connection, and a gateway that is not there, are unreachable', async () => {
    await gw.testApi('PUT', '/__sim/faults/ostor-buckets', { mode: 'reset', count: 5 });
    expect((await failure(listUserBuckets('x@example.com', conn()))).kind).toBe('unreachable');
    await gw.testApi('DELETE', '/__sim/faults/ostor-buckets');
    const error = await failure(listUsers({ ...conn(), url: 'http://127.0.0.1:1' }));
    expect(error.kind).toBe('unreachable');
    expect(error.message).toMatch(/cannot be reached/);
  });

  it.each(['truncate', 'malformed'])('a %s JSON answer is an invalid response', async (mode) => {
    await gw.testApi('PUT', '/__sim/faults/ostor-users', { mode, count: 1 });
    expect((await failure(listUsers(conn()))).kind).toBe('invalid-response');
  });

  it('a well-formed answer of the wrong shape is an invalid response', async () => {
    const server = http.createServer((_req, res) => res.end('{"Users": "not a list"}'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const error = await failure(listUsers({ ...conn(), url }));
      expect(error.kind).toBe('invalid-response');
      expect(error.message).toMatch(/expected shape/);
    } finally {
      server.close();
    }
  });

  it.each([
    ['an HTML page from a proxy', 502, { 'content-type': 'text/html' }, '<!DOCTYPE html><html><body>Bad gateway</body></html>', /web page/],
    ['an empty 503', 503, {}, '', /failed \(HTTP 503\)/],
    ['a JSON error', 400, { 'content-type': 'application/json' }, '{"error": {"code": "Oops", "message": "bad thing"}}', /bad thing/],
    ['only the X-Amz-Err-Message header', 409, { 'x-amz-err-message': 'quota in the way' }, '', /quota in the way/],
  ])('%s', async (_what, status, headers, body, message) => {
    const server = http.createServer((_req, res) => {
      res.writeHead(status, headers);
      res.end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const error = await failure(gatewayRequest({ method: 'GET', service: 'ostor-users' }, { ...conn(), url }));
      expect(error.status).toBe(status);
      expect(error.message).toMatch(message);
    } finally {
      server.close();
    }
  });
});
