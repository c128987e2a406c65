import crypto from 'node:crypto';
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { callRoute, consoleEnvironment, ORIGIN, TEST_CLIENT_ADDRESS } from '@/lib/api/testing';
import type { SessionUser } from '@/lib/auth/options';
import { withRequestContext } from '@/lib/http/request-context';
import { testGateway } from '@/sim/testing/harness';

/**
 * A customer running their own storage through the console — buckets, objects, folders, uploads
 * in parts, downloads, share links, key pairs and accounts — and staff looking at it, against the
 * simulator. Every byte is compared with what the gateway holds.
 */

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/auth/session', () => ({ currentUser: async () => session.user }));

const gw = testGateway();
consoleEnvironment(gw, { GATEWAY_PUBLIC_URL: 'http://s3.example.test:9000' });

let alice: { id: string; key: { id: string; secret: string } };
let bob: { id: string; key: { id: string; secret: string } };
const customer = (who: typeof alice, extra: Partial<SessionUser> = {}): SessionUser => ({
  id: `customer:${who.id}`,
  name: who.key.id,
  role: 'customer',
  s3UserId: who.id,
  accessKeyId: who.key.id,
  ...extra,
});
const admin: SessionUser = { id: 'staff:00000000-0000-0000-0000-000000000001', name: 'Ada Admin', role: 'admin' };
const support: SessionUser = { id: 'staff:00000000-0000-0000-0000-000000000002', name: 'Sam Support', role: 'support' };

beforeAll(async () => {
  alice = await gw.createUser('alice@example.com');
  bob = await gw.createUser('bob@example.com');
  expect((await gw.as(bob.key, 'PUT', '/bobs-bucket')).status).toBe(200);
  expect((await gw.as(bob.key, 'PUT', '/bobs-bucket/secret.txt', { body: 'bob only' })).status).toBe(200);
});

const ROUTES = import.meta.glob<Record<string, any>>('./**/route.ts');
const load = async (route: string) => {
  const mod = await ROUTES[`./${route}/route.ts`]?.();
  if (!mod) throw new Error(`no route ${route}`);
  return mod;
};

/** Calls `/api/<path>` by its route file, with the bucket (and upload) in the params. */
async function api(method: string, route: string, url: string, params: Record<string, string>, body?: unknown) {
  const mod = await load(route);
  return callRoute(mod[method], method, url, params, body);
}

/** Sends raw bytes to an upload route, as the browser's XMLHttpRequest does. */
async function sendBytes(route: string, url: string, params: Record<string, string>, bytes: Buffer, type = 'application/octet-stream') {
  const mod = await load(route);
  const req = new NextRequest(`${ORIGIN}${url}`, {
    method: 'PUT',
    headers: { origin: ORIGIN, 'content-type': type, 'content-length': String(bytes.length) },
    body: new Uint8Array(bytes),
    duplex: 'half',
  } as ConstructorParameters<typeof NextRequest>[1]);
  return withRequestContext({ clientAddress: TEST_CLIENT_ADDRESS }, () => mod.PUT(req, { params: Promise.resolve(params) }));
}

const json = async (response: Response) => {
  const text = await response.text();
  expect(response.ok, `${response.status} ${text}`).toBe(true);
  return JSON.parse(text);
};
const errorOf = async (response: Response) => (await response.json()).error as { code: string; message: string; fields?: Record<string, string> };
const stored = (bucket: string, key: string) => {
  const record = gw.sim.store.objectsByBucket.get(bucket)?.get(key);
  return record ? gw.sim.store.blobs.get(record.blob) : null;
};
const enc = encodeURIComponent;

describe('buckets of one’s own', () => {
  it('creates a bucket owned by the customer, checking S3’s naming rules first', async () => {
    session.user = customer(alice);
    for (const [name, words] of [
      ['ab', /3 to 63/],
      ['Upper', /lower-case/],
      ['-dash', /starts and ends/],
      ['a..b', /Two dots/],
      ['192.168.1.1', /IP address/],
    ] as const) {
      const refused = await api('POST', 'me/buckets', '/api/me/buckets', {}, { name });
      expect(refused.status).toBe(422);
      expect((await errorOf(refused)).fields?.name).toMatch(words);
    }
    expect(await json(await api('POST', 'me/buckets', '/api/me/buckets', {}, { name: 'alice-photos' }))).toEqual({ name: 'alice-photos' });
    expect(gw.sim.store.get('buckets', 'alice-photos')?.ownerId).toBe(alice.id);
  });

  it('says a name is taken, or already one’s own, in words', async () => {
    session.user = customer(alice);
    const taken = await api('POST', 'me/buckets', '/api/me/buckets', {}, { name: 'bobs-bucket' });
    expect(taken.status).toBe(409);
    expect((await errorOf(taken)).message).toMatch(/taken/);
    const mine = await api('POST', 'me/buckets', '/api/me/buckets', {}, { name: 'alice-photos' });
    expect(mine.status).toBe(409);
    expect((await errorOf(mine)).message).toMatch(/already have a bucket/);
  });

  it('shows the overview: quota against use per bucket, limits, plan and where to connect', async () => {
    session.user = customer(alice);
    await gw.admin('PUT', 'ostor-quotas&bucket=alice-photos&quota-size=5');
    const me = await json(await api('GET', 'me', '/api/me', {}));
    expect(me).toMatchObject({
      email: 'alice@example.com',
      sessionKeyId: alice.key.id,
      connection: { endpoint: 'http://s3.example.test:9000', region: 'us-east-1', addressing: 'path' },
      quota: { effectiveGb: expect.any(Number) },
    });
    expect(me.buckets.find((b: { name: string }) => b.name === 'alice-photos').quota).toMatchObject({ ownGb: 5, effectiveGb: 5 });
    expect(JSON.stringify(me)).not.toContain(alice.key.secret);
  });
});

describe('the object browser, as the bucket’s owner', () => {
  const base = (p = '') => `/api/me/buckets/alice-photos${p}`;
  const params = { name: 'alice-photos' };

  it('uploads a small file in one request and a large one in parts, streaming both through', async () => {
    session.user = customer(alice);
    const small = Buffer.from('hello, storage\n');
    const put = await sendBytes('me/buckets/[name]/object', base(`/object?key=${enc('docs/hello.txt')}`), params, small, 'text/plain');
    expect((await json(put)).key).toBe('docs/hello.txt');
    expect(stored('alice-photos', 'docs/hello.txt')).toEqual(small);

    const large = crypto.randomBytes(6 * 1024 * 1024 + 123);
    const { uploadId } = await json(await api('POST', 'me/buckets/[name]/uploads', base('/uploads'), params, { key: 'video/clip é.bin', contentType: 'video/mp4' }));
    const parts = [large.subarray(0, 5 * 1024 * 1024), large.subarray(5 * 1024 * 1024)];
    const sent = [];
    for (const [i, part] of parts.entries()) {
      const answer = await json(await sendBytes('me/buckets/[name]/uploads/[uploadId]', base(`/uploads/${uploadId}?key=${enc('video/clip é.bin')}&part=${i + 1}`), { ...params, uploadId }, part));
      sent.push(answer);
    }
    const done = await json(await api('POST', 'me/buckets/[name]/uploads/[uploadId]', base(`/uploads/${uploadId}`), { ...params, uploadId }, { key: 'video/clip é.bin', parts: sent }));
    expect(done.etag).toMatch(/-2"$/);
    expect(stored('alice-photos', 'video/clip é.bin')?.equals(large)).toBe(true);
  });

  it('refuses an upload without a length, or larger than a part may be, before sending anything', async () => {
    session.user = customer(alice);
    const mod = await load('me/buckets/[name]/object');
    const unsized = new NextRequest(`${ORIGIN}${base('/object?key=x')}`, { method: 'PUT', headers: { origin: ORIGIN }, body: new ReadableStream({ start: (c) => (c.enqueue(new Uint8Array(3)), c.close()) }), duplex: 'half' } as ConstructorParameters<typeof NextRequest>[1]);
    const response = await withRequestContext({ clientAddress: TEST_CLIENT_ADDRESS }, () => mod.PUT(unsized, { params: Promise.resolve(params) }));
    expect(response.status).toBe(411);
    const huge = new NextRequest(`${ORIGIN}${base('/object?key=x')}`, { method: 'PUT', headers: { origin: ORIGIN, 'content-length': String(65 * 1024 * 1024) } });
    const refused = await withRequestContext({ clientAddress: TEST_CLIENT_ADDRESS }, () => mod.PUT(huge, { params: Promise.resolve(params) }));
    expect(refused.status).toBe(413);
    expect(stored('alice-photos', 'x')).toBeNull();
  });

  it('cancels an upload under way: its parts are gone', async () => {
    session.user = customer(alice);
    const { uploadId } = await json(await api('POST', 'me/buckets/[name]/uploads', base('/uploads'), params, { key: 'cancelled.bin' }));
    await json(await sendBytes('me/buckets/[name]/uploads/[uploadId]', base(`/uploads/${uploadId}?key=cancelled.bin&part=1`), { ...params, uploadId }, crypto.randomBytes(1000)));
    expect(await json(await api('DELETE', 'me/buckets/[name]/uploads/[uploadId]', base(`/uploads/${uploadId}?key=cancelled.bin`), { ...params, uploadId }))).toEqual({ aborted: true });
    expect(gw.sim.store.get('uploads', uploadId)).toBeUndefined();
    const again = await api('POST', 'me/buckets/[name]/uploads/[uploadId]', base(`/uploads/${uploadId}`), { ...params, uploadId }, { key: 'cancelled.bin', parts: [{ part: 1, etag: '"x"' }] });
    expect(again.status).toBe(404);
    expect((await errorOf(again)).message).toMatch(/no longer under way/);
  });

  it('makes folders and browses them by “/”, with server-side pages and search by prefix', async () => {
    session.user = customer(alice);
    expect(await json(await api('POST', 'me/buckets/[name]/folders', base('/folders'), params, { prefix: '', name: 'empty folder' }))).toEqual({ prefix: 'empty folder/' });
    const refused = await api('POST', 'me/buckets/[name]/folders', base('/folders'), params, { prefix: '', name: 'a/b' });
    expect((await errorOf(refused)).fields?.name).toMatch(/cannot hold “\/”/);
    for (let i = 0; i < 120; i++) await gw.as(alice.key, 'PUT', `/alice-photos/many/f${String(i).padStart(3, '0')}`, { body: 'x'.repeat(i) });

    const top = await json(await api('GET', 'me/buckets/[name]/objects', base('/objects'), params));
    expect(top.folders.map((f: { name: string }) => f.name)).toEqual(['docs/', 'empty folder/', 'many/', 'video/']);
    expect(top.nextToken).toBeNull();

    const seen: string[] = [];
    let token: string | null = '';
    while (token !== null) {
      const page: { objects: { name: string }[]; nextToken: string | null } = await json(
        await api('GET', 'me/buckets/[name]/objects', base(`/objects?prefix=many%2F&pageSize=50${token ? `&token=${enc(token)}` : ''}`), params),
      );
      seen.push(...page.objects.map((o) => o.name));
      token = page.nextToken;
    }
    expect(seen).toHaveLength(120);
    expect(seen[0]).toBe('f000');
    expect(new Set(seen).size).toBe(120);

    const found = await json(await api('GET', 'me/buckets/[name]/objects', base('/objects?prefix=many%2F&search=f11'), params));
    expect(found.objects.map((o: { name: string }) => o.name)).toEqual(Array.from({ length: 10 }, (_, i) => `f11${i}`));
    const empty = await json(await api('GET', 'me/buckets/[name]/objects', base(`/objects?prefix=${enc('empty folder/')}`), params));
    expect(empty).toMatchObject({ folders: [], objects: [] });
  });

  it('downloads an object’s exact bytes under its own name, and shows its details', async () => {
    session.user = customer(alice);
    const response = await api('GET', 'me/buckets/[name]/object/content', base(`/object/content?key=${enc('video/clip é.bin')}`), params);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="clip _.bin"; filename*=UTF-8''clip%20%C3%A9.bin`);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    expect(Buffer.from(await response.arrayBuffer()).equals(stored('alice-photos', 'video/clip é.bin')!)).toBe(true);

    await gw.as(alice.key, 'PUT', '/alice-photos/docs/meta.txt', { body: 'm', headers: { 'x-amz-meta-project': 'apollo', 'cache-control': 'max-age=60' } });
    const detail = await json(await api('GET', 'me/buckets/[name]/object', base(`/object?key=${enc('docs/meta.txt')}`), params));
    expect(detail).toMatchObject({ key: 'docs/meta.txt', size: '1', metadata: { project: 'apollo' }, cacheControl: 'max-age=60', etag: expect.stringMatching(/^"/) });
    const missing = await api('GET', 'me/buckets/[name]/object', base('/object?key=nothing-here'), params);
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).message).toMatch(/no such object/);
  });

  it('gives a share link anyone can download with, until it expires', async () => {
    session.user = customer(alice);
    const tooShort = await api('POST', 'me/buckets/[name]/share', base('/share'), params, { key: 'docs/hello.txt', expiresIn: 60 });
    expect((await errorOf(tooShort)).fields?.expiresIn).toMatch(/at least an hour/);
    const tooLong = await api('POST', 'me/buckets/[name]/share', base('/share'), params, { key: 'docs/hello.txt', expiresIn: 8 * 24 * 3600 });
    expect((await errorOf(tooLong)).fields?.expiresIn).toMatch(/at most seven days/);

    const { url, expiresAt } = await json(await api('POST', 'me/buckets/[name]/share', base('/share'), params, { key: 'docs/hello.txt', expiresIn: 3600 }));
    // The link names the address customers use; fetched here through the simulator's own.
    expect(url.startsWith('http://s3.example.test:9000/alice-photos/docs/hello.txt?')).toBe(true);
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(3590_000);
    const local = url.replace('http://s3.example.test:9000', gw.sim.url);
    // Signed for the public host: the simulator is asked with that Host, as a browser would.
    const anonymous = await fetchAs(local, 's3.example.test:9000');
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toBe('hello, storage\n');
    expect(anonymous.disposition).toBe(`attachment; filename="hello.txt"; filename*=UTF-8''hello.txt`);

    await gw.testApi('PUT', '/__sim/presigned-clock', { aheadSeconds: 3601 });
    try {
      expect((await fetchAs(local, 's3.example.test:9000')).status).toBe(403);
    } finally {
      await gw.testApi('PUT', '/__sim/presigned-clock', { aheadSeconds: 0 });
    }
    const gone = await api('POST', 'me/buckets/[name]/share', base('/share'), params, { key: 'nothing-here', expiresIn: 3600 });
    expect(gone.status).toBe(404);
  });

  it('deletes objects and whole folders in batches, and says which failed', async () => {
    session.user = customer(alice);
    const result = await json(await api('POST', 'me/buckets/[name]/objects/delete', base('/objects/delete'), params, { keys: ['docs/hello.txt'], prefixes: ['many/'] }));
    expect(result).toEqual({ deleted: 121, failed: [], more: false });
    expect(stored('alice-photos', 'docs/hello.txt')).toBeNull();
    expect([...gw.sim.store.objectsByBucket.get('alice-photos')!.keys()].filter((k) => k.startsWith('many/'))).toEqual([]);
    const whole = await api('POST', 'me/buckets/[name]/objects/delete', base('/objects/delete'), params, { prefixes: [''] });
    expect((await errorOf(whole)).message).toMatch(/not the whole bucket/);
  });

  it('deletes an empty bucket once its name is typed, and refuses a bucket that holds objects', async () => {
    session.user = customer(alice);
    const mismatch = await api('DELETE', 'me/buckets/[name]', '/api/me/buckets/alice-photos', params, { confirm: 'alice' });
    expect(mismatch.status).toBe(422);
    const full = await api('DELETE', 'me/buckets/[name]', '/api/me/buckets/alice-photos', params, { confirm: 'alice-photos' });
    expect(full.status).toBe(409);
    expect((await errorOf(full)).message).toMatch(/not empty/);
    await api('POST', 'me/buckets', '/api/me/buckets', {}, { name: 'alice-scratch' });
    expect(await json(await api('DELETE', 'me/buckets/[name]', '/api/me/buckets/alice-scratch', { name: 'alice-scratch' }, { confirm: 'alice-scratch' }))).toEqual({ deleted: 'alice-scratch' });
    expect(gw.sim.store.get('buckets', 'alice-scratch')).toBeUndefined();
  });
});

/** A GET with the Host header a browser would send for the link's own address. */
async function fetchAs(url: string, host: string): Promise<{ status: number; body: string; disposition: string | undefined }> {
  const http = await import('node:http');
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { host } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), disposition: res.headers['content-disposition'] }));
      })
      .on('error', reject);
  });
}

describe('nobody reaches another customer’s storage, whatever the parameters', () => {
  const OBJECT_ROUTES: [string, string, string, unknown?][] = [
    ['GET', 'me/buckets/[name]/objects', '/objects'],
    ['GET', 'me/buckets/[name]/object', '/object?key=secret.txt'],
    ['GET', 'me/buckets/[name]/object/content', '/object/content?key=secret.txt'],
    ['POST', 'me/buckets/[name]/share', '/share', { key: 'secret.txt', expiresIn: 3600 }],
    ['POST', 'me/buckets/[name]/objects/delete', '/objects/delete', { keys: ['secret.txt'] }],
    ['POST', 'me/buckets/[name]/folders', '/folders', { prefix: '', name: 'mine-now' }],
    ['POST', 'me/buckets/[name]/uploads', '/uploads', { key: 'planted' }],
    ['DELETE', 'me/buckets/[name]', '', { confirm: 'bobs-bucket' }],
  ];

  it.each(['bobs-bucket', 'no-such-bucket', 'BOBS-BUCKET', '../bobs-bucket', 'bobs-bucket/secret.txt'])('a customer asking for “%s” gets the same 404 from every route, and nothing changes', async (name) => {
    session.user = customer(alice);
    const before = JSON.stringify([...gw.sim.store.objectsByBucket.get('bobs-bucket')!.entries()]);
    for (const [method, route, path, body] of OBJECT_ROUTES) {
      const response = await api(method, route, `/api/me/buckets/${enc(name)}${path}`, { name }, body);
      expect(response.status, `${method} ${route}`).toBe(404);
      expect((await errorOf(response)).message).toBe(`You have no bucket named “${name}”.`);
    }
    const part = await sendBytes('me/buckets/[name]/object', `/api/me/buckets/${enc(name)}/object?key=planted`, { name }, Buffer.from('x'));
    expect(part.status).toBe(404);
    expect(JSON.stringify([...gw.sim.store.objectsByBucket.get('bobs-bucket')!.entries()])).toBe(before);
    expect(gw.sim.store.get('buckets', 'bobs-bucket')).toBeDefined();
  });

  it('a customer cannot touch another user’s key pairs or accounts', async () => {
    session.user = customer(alice);
    const revoke = await api('DELETE', 'me/keys/[keyId]', `/api/me/keys/${bob.key.id}`, { keyId: bob.key.id });
    expect(revoke.status).toBe(404);
    await gw.adminJson('PUT', 'ostor-accounts&emailAddress=bob%40example.com&accountName=backup');
    const account = await api('DELETE', 'me/accounts/[name]', '/api/me/accounts/backup', { name: 'backup' });
    expect(account.status).toBe(404);
    const info = await gw.adminJson('GET', 'ostor-users&emailAddress=bob%40example.com');
    expect(info.AWSAccessKeys.map((k: { AWSAccessKeyId: string }) => k.AWSAccessKeyId)).toContain(bob.key.id);
    expect(info.Accounts.map((a: { Name: string }) => a.Name)).toContain('backup');
  });

  it('support sees names and sizes, never contents, details or share links; nor changes anything', async () => {
    session.user = support;
    const list = await json(await api('GET', 'buckets/[name]/objects', '/api/buckets/bobs-bucket/objects', { name: 'bobs-bucket' }));
    expect(list.objects).toEqual([expect.objectContaining({ key: 'secret.txt', size: '8' })]);
    for (const [method, route, path, body] of [
      ['GET', 'buckets/[name]/object/content', '/object/content?key=secret.txt'],
      ['GET', 'buckets/[name]/object', '/object?key=secret.txt'],
      ['POST', 'buckets/[name]/share', '/share', { key: 'secret.txt', expiresIn: 3600 }],
      ['POST', 'buckets/[name]/objects/delete', '/objects/delete', { keys: ['secret.txt'] }],
    ] as const) {
      const response = await api(method, route, `/api/buckets/bobs-bucket${path}`, { name: 'bobs-bucket' }, body);
      expect(response.status, route).toBe(403);
      expect(await response.text()).not.toContain('bob only');
    }
    expect(stored('bobs-bucket', 'secret.txt')?.toString()).toBe('bob only');
  });

  it('an admin downloads any user’s object, and the download is audited', async () => {
    session.user = admin;
    const response = await api('GET', 'buckets/[name]/object/content', '/api/buckets/bobs-bucket/object/content?key=secret.txt', { name: 'bobs-bucket' });
    expect(await response.text()).toBe('bob only');
    const { readAudit } = await import('@/lib/audit/log');
    const [row] = (await readAudit({ limit: 50 })).rows.filter((r) => r.requestId === response.headers.get('x-request-id'));
    expect(row).toMatchObject({ action: 'object.download', target: 'bucket:bobs-bucket/object:secret.txt', outcome: 'ok', actorName: 'Ada Admin' });
  });

  it('a suspended customer is refused every new route in words, and nothing is sent to the gateway', async () => {
    session.user = customer(alice, { suspended: true });
    const before = gw.sim.store.versions.objects + gw.sim.store.versions.buckets + gw.sim.store.versions.users;
    for (const [method, route, url, body] of [
      ['POST', 'me/keys', '/api/me/keys'],
      ['POST', 'me/accounts', '/api/me/accounts', { name: 'app' }],
      ['POST', 'me/buckets', '/api/me/buckets', { name: 'while-suspended' }],
      ['GET', 'me/buckets/[name]/objects', '/api/me/buckets/alice-photos/objects'],
      ['POST', 'me/buckets/[name]/folders', '/api/me/buckets/alice-photos/folders', { prefix: '', name: 'x' }],
    ] as const) {
      const response = await api(method, route, url, { name: 'alice-photos' }, body);
      expect(response.status, route).toBe(403);
      expect((await errorOf(response)).code).toBe('suspended');
    }
    expect(gw.sim.store.versions.objects + gw.sim.store.versions.buckets + gw.sim.store.versions.users).toBe(before);
  });
});

describe('key pairs and accounts of one’s own', () => {
  it('creates a second key pair (secret once), refuses a third, and says when revoking ends this session', async () => {
    session.user = customer(alice);
    const { keyPair } = await json(await api('POST', 'me/keys', '/api/me/keys', {}));
    expect(keyPair.secretKey).toMatch(/\S{20,}/);
    const third = await api('POST', 'me/keys', '/api/me/keys', {});
    expect(third.status).toBe(409);
    expect((await errorOf(third)).message).toMatch(/You already have 2 key pairs/);
    // Signing in with the new pair works: S3 accepts it.
    expect((await gw.as({ id: keyPair.accessKeyId, secret: keyPair.secretKey }, 'GET', '/')).status).toBe(200);
    const other = await json(await api('DELETE', 'me/keys/[keyId]', `/api/me/keys/${keyPair.accessKeyId}`, { keyId: keyPair.accessKeyId }));
    expect(other).toEqual({ revoked: keyPair.accessKeyId, sessionEnded: false });
    const { keyPair: next } = await json(await api('POST', 'me/keys', '/api/me/keys', {}));
    const own = await json(await api('DELETE', 'me/keys/[keyId]', `/api/me/keys/${alice.key.id}`, { keyId: alice.key.id }));
    expect(own).toEqual({ revoked: alice.key.id, sessionEnded: true });
    alice.key = { id: next.accessKeyId, secret: next.secretKey };
  });

  it('creates an account with its own key pair and deletes it', async () => {
    session.user = customer(alice);
    const made = await json(await api('POST', 'me/accounts', '/api/me/accounts', {}, { name: 'nightly-backup' }));
    expect(made).toMatchObject({ account: { name: 'nightly-backup' }, keyPair: { accessKeyId: expect.any(String), secretKey: expect.any(String) } });
    const again = await api('POST', 'me/accounts', '/api/me/accounts', {}, { name: 'nightly-backup' });
    expect((await errorOf(again)).message).toMatch(/You already have an account named/);
    const { keyPair } = await json(await api('POST', 'me/accounts/[name]/keys', '/api/me/accounts/nightly-backup/keys', { name: 'nightly-backup' }));
    expect(await json(await api('DELETE', 'me/accounts/[name]/keys/[keyId]', `/api/me/accounts/nightly-backup/keys/${keyPair.accessKeyId}`, { name: 'nightly-backup', keyId: keyPair.accessKeyId }))).toEqual({
      revoked: keyPair.accessKeyId,
    });
    expect(await json(await api('DELETE', 'me/accounts/[name]', '/api/me/accounts/nightly-backup', { name: 'nightly-backup' }))).toEqual({ deleted: 'nightly-backup' });
    const info = await gw.adminJson('GET', 'ostor-users&emailAddress=alice%40example.com');
    expect(info.Accounts).toEqual([]);
  });
});
