import crypto from 'node:crypto';
import { seededRandom, type Random } from './ids';
import { newBucketChanges, resized } from './model/buckets';
import { newKey, newUser } from './model/users';
import type { BucketRecord, Counters, ObjectRecord } from './store/records';
import type { Change, Store } from './store/store';
import { truthChanges, usageObjectJson, usageObjectName, type UsageItem } from './usage/recorder';

const DAY_MS = 86_400_000;

interface DemoUser {
  email: string;
  disabled?: boolean;
  accounts?: string[];
  secondKey?: boolean;
  buckets?: { name: string; objects: number; objectSize: number; folders?: string[] }[];
  limits?: Partial<Record<'default' | 'get' | 'put' | 'list' | 'delete' | 'out', number>>;
  quota?: number;
}

/** A small, realistic tenant set: the same on every machine (ids and keys come from a fixed seed). */
const DEMO_USERS: DemoUser[] = [
  { email: 'alice@example.com', accounts: ['backup', 'web'], secondKey: true, quota: 100,
    buckets: [{ name: 'alice-photos', objects: 12, objectSize: 48_000, folders: ['', '2026/summer/', '2026/winter/', 'albums/family/'] }, { name: 'alice-backups', objects: 4, objectSize: 900_000 }],
    limits: { get: 200, out: 10_000 } },
  { email: 'bob.smith@example.com', buckets: [{ name: 'bob-website', objects: 20, objectSize: 6_000 }] },
  { email: 'carol+billing@example.org', accounts: ['ci'], quota: 10, buckets: [{ name: 'carol-invoices', objects: 8, objectSize: 30_000 }] },
  { email: 'dave@example.net', disabled: true, buckets: [{ name: 'dave-archive', objects: 3, objectSize: 2_000_000 }] },
  { email: 'erin@example.com', buckets: [{ name: 'erin-logs', objects: 30, objectSize: 2_500 }, { name: 'erin-media', objects: 6, objectSize: 120_000 }],
    limits: { default: 50, put: 20 } },
  { email: 'frank@example.org' },
  { email: 'grace@example.com', secondKey: true, buckets: [{ name: 'grace-data', objects: 10, objectSize: 75_000 }], quota: 50 },
  { email: 'heidi@example.net', disabled: true },
  { email: 'ivan@example.com', accounts: ['deploy'], buckets: [{ name: 'ivan-builds', objects: 5, objectSize: 400_000 }] },
  { email: 'judy@example.org', buckets: [{ name: 'judy-share', objects: 2, objectSize: 10_000 }] },
  { email: 'mallory@example.com', buckets: [{ name: 'mallory-tmp', objects: 0, objectSize: 0 }], limits: { default: 5, out: 500 } },
  { email: 'trent@example.net', accounts: ['audit'] },
];

function demoBody(random: Random, size: number): Buffer {
  return size > 0 ? Buffer.concat([Buffer.from('demo object\n'), random(Math.max(0, size - 12))]) : Buffer.alloc(0);
}

/** Objects spread over `folders` (prefixes ending in "/", '' for the top), so that the object browser has folders to open. */
function addObjects(store: Store, bucket: BucketRecord, count: number, size: number, at: number, random: Random, folders: string[] = ['']): Change[] {
  const changes: Change[] = [];
  let current = bucket;
  for (let i = 0; i < count; i++) {
    const body = demoBody(random, size);
    const key = `${folders[i % folders.length]}file-${String(i + 1).padStart(3, '0')}.bin`;
    const record: ObjectRecord = {
      bucket: bucket.name,
      key,
      size: body.length,
      etag: `"${crypto.createHash('md5').update(body).digest('hex')}"`,
      modified: new Date(at).toISOString(),
      contentType: 'application/octet-stream',
      blob: store.blobs.put(body),
    };
    changes.push({ c: 'objects', k: `${bucket.name}/${key}`, v: record });
    current = resized(current, body.length, 1, at);
  }
  changes.push({ c: 'buckets', k: bucket.name, v: current });
  return changes;
}

/** Two weeks of statistics objects, one a day per service, as if collection had been off. */
function demoUsage(store: Store, owners: { userId: string; buckets: string[] }[], now: number, random: Random): Change[] {
  const changes: Change[] = [];
  const period = 3600;
  for (let day = 14; day >= 1; day--) {
    const start = now - day * DAY_MS;
    const items: UsageItem[] = [];
    for (const { userId, buckets } of owners) {
      for (const bucket of buckets) {
        const r = random(6);
        const counters: Counters = {
          ops: { put: r[0] % 40, get: r[1] * 3, list: r[2] % 20, other: r[3] % 5 },
          net_io: { uploaded: (r[0] % 40) * 48_000, downloaded: r[1] * 3 * 52_000 + r[4] },
        };
        items.push({ key: { bucket, epoch: 0, user_id: userId, tag: '' }, counters });
      }
    }
    const name = usageObjectName('8000000000000065', start, period);
    changes.push({ c: 'usage', k: name, v: usageObjectJson('8000000000000065', start, start + period * 1000 - 210_000, items) });
    changes.push(...truthChanges(store, items.map((i) => ({ userId: i.key.user_id, bucket: i.key.bucket, epoch: 0, counters: i.counters }))));
    // Each day's truth builds on the previous one: apply as we go.
    store.commit(changes.splice(0));
  }
  return changes;
}

export function seedDemo(store: Store, now: number): void {
  const random = seededRandom('staas-console demo');
  const owners: { userId: string; buckets: string[] }[] = [];
  DEMO_USERS.forEach((spec, index) => {
    const { user, changes } = newUser(store, spec.email, { random });
    store.commit(changes);
    let current = user;
    if (spec.secondKey) {
      const key = newKey(store, user.id, null, random);
      current = { ...current, keys: [...current.keys, key.id] };
      store.commit([{ c: 'keys', k: key.id, v: key }, { c: 'users', k: user.id, v: current }]);
    }
    for (const name of spec.accounts ?? []) {
      const key = newKey(store, user.id, name, random);
      current = { ...current, accounts: [...current.accounts, { name, keys: [key.id] }] };
      store.commit([{ c: 'keys', k: key.id, v: key }, { c: 'users', k: user.id, v: current }]);
    }
    if (spec.disabled) store.commit([{ c: 'users', k: user.id, v: { ...current, state: 'disabled' } }]);
    if (spec.limits) {
      store.commit([{ c: 'limits', k: `user:${user.id}`, v: { default: 0, get: 0, put: 0, list: 0, delete: 0, out: 0, ...spec.limits } }]);
    }
    if (spec.quota) store.commit([{ c: 'quotas', k: `user:${user.id}`, v: spec.quota }]);
    const created = now - (40 - index) * DAY_MS;
    for (const b of spec.buckets ?? []) {
      store.commit(newBucketChanges(store, b.name, user.id, created));
      store.commit(addObjects(store, store.get('buckets', b.name)!, b.objects, b.objectSize, created + 3_600_000, random, b.folders));
    }
    if (spec.buckets?.length) owners.push({ userId: user.id, buckets: spec.buckets.map((b) => b.name) });
  });
  store.commit([{ c: 'quotas', k: 'bucket:alice-photos', v: 5 }, { c: 'quotas', k: 'default:bucket', v: 0 }]);
  store.commit([{ c: 'limits', k: 'bucket:bob-website', v: { default: 0, get: 100, put: 0, list: 0, delete: 0, out: 2_000 } }]);
  demoUsage(store, owners, now, random);
}

/** N users named user-000001@example.com …, each with one key pair, loaded in one go. */
export function seedUsers(store: Store, count: number): void {
  const width = Math.max(6, String(count).length);
  const seen = new Set(store.maps.users.keys());
  const changes: Change[] = [];
  const random = seededRandom(`users:${count}:${crypto.randomUUID()}`);
  for (let i = 1; i <= count; i++) {
    let id: string;
    do id = random(8).toString('hex');
    while (seen.has(id));
    seen.add(id);
    const keyId = id + random(2).toString('hex').toUpperCase().slice(0, 4);
    const secret = random(30).toString('base64').replace(/[^A-Za-z0-9]/g, 'x').slice(0, 40);
    changes.push({ c: 'keys', k: keyId, v: { id: keyId, secret, userId: id, account: null } });
    changes.push({
      c: 'users',
      k: id,
      v: { id, email: `user-${String(i).padStart(width, '0')}@example.com`, state: 'enabled', flags: [], ownerId: '0000000000000000', keys: [keyId], accounts: [] },
    });
  }
  store.bulkLoad(changes);
}

/** N buckets, a hundred to an owner (new users bucket-owner-…@example.com), sizes up to 100 MB. */
export function seedBuckets(store: Store, count: number, now: number): void {
  const owners = Math.ceil(count / 100);
  const random = seededRandom(`buckets:${count}:${crypto.randomUUID()}`);
  const changes: Change[] = [];
  const seen = new Set(store.maps.users.keys());
  for (let o = 0; o < owners; o++) {
    let id: string;
    do id = random(8).toString('hex');
    while (seen.has(id));
    seen.add(id);
    const keyId = id + random(2).toString('hex').toUpperCase();
    changes.push({ c: 'keys', k: keyId, v: { id: keyId, secret: random(30).toString('base64').replace(/[^A-Za-z0-9]/g, 'x').slice(0, 40), userId: id, account: null } });
    changes.push({ c: 'users', k: id, v: { id, email: `bucket-owner-${String(o + 1).padStart(6, '0')}@example.com`, state: 'enabled', flags: [], ownerId: '0000000000000000', keys: [keyId], accounts: [] } });
    for (let b = 0; b < 100 && o * 100 + b < count; b++) {
      const r = random(8);
      const created = now - (r.readUInt32BE(0) % (30 * DAY_MS / 1000)) * 1000;
      const size = r.readUInt32BE(4) % 100_000_000;
      const name = `bucket-${String(o * 100 + b + 1).padStart(7, '0')}`;
      changes.push({
        c: 'buckets',
        k: name,
        v: { name, epoch: 0, ownerId: id, created: new Date(created).toISOString(), size, hmax: size, integralMs: '0', since: created, objects: 0 },
      });
    }
  }
  store.bulkLoad(changes);
}

/** One or more seeds, comma-separated ("users:100000,buckets:1000000"), into a gateway with no tenants yet. */
export function applySeed(store: Store, seeds: string, now: number): string {
  const hasTenants = [...store.maps.users.values()].some((u) => !u.flags.includes('system'));
  if (hasTenants) return 'seed skipped: the gateway already has users';
  const done: string[] = [];
  for (const seed of seeds.split(',')) {
    const m = /^(users|buckets):(\d{1,7})$/.exec(seed);
    if (seed === 'demo') {
      seedDemo(store, now);
      done.push(`the demo tenants (${DEMO_USERS.length} users)`);
    } else if (m?.[1] === 'users') {
      seedUsers(store, Number(m[2]));
      done.push(`${m[2]} users`);
    } else if (m?.[1] === 'buckets') {
      seedBuckets(store, Number(m[2]), now);
      done.push(`${m[2]} buckets`);
    } else {
      throw new Error(`Unknown seed "${seed}": use "demo", "users:<N>" or "buckets:<N>"`);
    }
  }
  return `seeded ${done.join(' and ')}`;
}
