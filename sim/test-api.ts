import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { FAULT_SERVICES, faultSchema, type Faults } from './faults';
import { toJson } from './json';
import { resized } from './model/buckets';
import { newUser } from './model/users';
import type { Change, Store } from './store/store';
import { truthChanges, usageObjectJson, usageObjectName, type UsageItem, type UsageRecorder } from './usage/recorder';
import { truthReport } from './usage/truth';

export interface TestApiDeps {
  enabled: boolean;
  store: Store;
  usage: UsageRecorder;
  faults: Faults;
  now: () => number;
  /** How far ahead presigned URLs are judged: a test sees a share link expire without waiting. */
  presigned: { aheadMs: number };
}

const rawObjectSchema = z.strictObject({ name: z.string().min(1).max(1024), body: z.string().max(64 * 1024 * 1024) });

const generateSchema = z.strictObject({
  objects: z.number().int().min(1).max(100_000),
  items: z.number().int().min(1).max(10_000),
  /** Unix ms of the first object's start; objects follow one period apart. */
  start: z.number().int().min(0).optional(),
  serviceId: z.string().regex(/^\d{16}$/).default('8000000000000099'),
  users: z.array(z.string().regex(/^[0-9a-f]{16}$/)).min(1).default(['0123456789abcdef']),
});

function send(res: ServerResponse, status: number, value: unknown): void {
  const body = toJson(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function parseBody<T>(schema: z.ZodType<T>, body: Buffer): T {
  return schema.parse(body.length ? JSON.parse(body.toString('utf8')) : {});
}

/** Synthetic statistics objects, counted into the ground truth like real traffic. */
function generate(deps: TestApiDeps, spec: z.infer<typeof generateSchema>): string[] {
  const period = deps.usage.options.periodSeconds;
  const start = spec.start ?? deps.now() - (spec.objects + 1) * period * 1000;
  const names: string[] = [];
  for (let o = 0; o < spec.objects; o++) {
    const startMs = start + o * period * 1000;
    const items: UsageItem[] = [];
    for (let i = 0; i < spec.items; i++) {
      const userId = spec.users[i % spec.users.length];
      const counters = {
        ops: { put: (i % 7) + 1, get: (i % 11) + o, list: i % 3, other: i % 2 },
        net_io: { uploaded: (i + 1) * 1000 + o, downloaded: (i + 1) * 3000 + o * 7 },
      };
      const key = { bucket: `bench-${i}`, epoch: 0, user_id: userId, tag: '' };
      items.push({ key, counters });
    }
    const name = usageObjectName(spec.serviceId, startMs, period);
    deps.store.commit([
      ...truthChanges(deps.store, items.map((i) => ({ userId: i.key.user_id, bucket: i.key.bucket, epoch: 0, counters: i.counters }))),
      { c: 'usage', k: name, v: usageObjectJson(spec.serviceId, startMs, startMs + period * 1000, items) },
    ]);
    names.push(name);
  }
  return names;
}

function bulkObjects(deps: TestApiDeps, spec: { bucket: string; prefix: string; count: number; size: number }): number {
  let bucket = deps.store.get('buckets', spec.bucket);
  if (!bucket) throw new Error(`no bucket ${spec.bucket}`);
  const data = Buffer.alloc(spec.size, 'x');
  const etag = `"${crypto.createHash('md5').update(data).digest('hex')}"`;
  const modified = new Date(deps.now()).toISOString();
  const changes: Change[] = [];
  const width = String(spec.count).length;
  for (let i = 0; i < spec.count; i++) {
    const key = `${spec.prefix}object-${String(i).padStart(width, '0')}.txt`;
    if (deps.store.objectsByBucket.get(spec.bucket)?.has(key)) continue;
    changes.push({ c: 'objects', k: `${spec.bucket}/${key}`, v: { bucket: spec.bucket, key, size: data.length, etag, modified, contentType: 'text/plain', blob: deps.store.blobs.put(data) } });
    bucket = resized(bucket, data.length, 1, deps.now());
  }
  changes.push({ c: 'buckets', k: spec.bucket, v: bucket });
  deps.store.commit(changes);
  return changes.length - 1;
}

/** `/__sim/…`: ground truth, flushing and fault injection for tests. Refused unless enabled. */
export function handleTestApi(deps: TestApiDeps, req: IncomingMessage, res: ServerResponse, path: string, body: Buffer): void {
  if (!deps.enabled) {
    send(res, 403, { error: 'The test API is off: start the simulator with --test-api' });
    return;
  }
  try {
    const route = `${req.method} ${path}`;
    const faultMatch = /^\/__sim\/faults\/([a-z0-9-]+)$/.exec(path);
    if (route === 'GET /__sim/truth') return send(res, 200, truthReport(deps.store, deps.now()));
    if (route === 'POST /__sim/flush') return send(res, 200, { objects: deps.usage.flush() });
    if (route === 'GET /__sim/faults') return send(res, 200, deps.faults.list());
    if (route === 'POST /__sim/objects/bulk') {
      // Many small objects at once in an existing bucket (a browser test's 10,000), counted as S3 would.
      const spec = parseBody(z.strictObject({ bucket: z.string(), prefix: z.string().max(512).default(''), count: z.number().int().min(1).max(1_000_000), size: z.number().int().min(0).max(1024).default(16) }), body);
      return send(res, 200, { objects: bulkObjects(deps, spec) });
    }
    if (route === 'PUT /__sim/presigned-clock') {
      deps.presigned.aheadMs = parseBody(z.strictObject({ aheadSeconds: z.number().int().min(0).max(30 * 24 * 3600) }), body).aheadSeconds * 1000;
      return send(res, 200, { aheadSeconds: deps.presigned.aheadMs / 1000 });
    }
    if (route === 'DELETE /__sim/faults') {
      deps.faults.clear();
      return send(res, 200, {});
    }
    if (faultMatch && FAULT_SERVICES.includes(faultMatch[1])) {
      if (req.method === 'PUT') {
        deps.faults.set(faultMatch[1], parseBody(faultSchema, body));
        return send(res, 200, deps.faults.list());
      }
      if (req.method === 'DELETE') {
        deps.faults.clear(faultMatch[1]);
        return send(res, 200, deps.faults.list());
      }
    }
    if (route === 'POST /__sim/usage/raw') {
      const { name, body: text } = parseBody(rawObjectSchema, body);
      deps.store.commit([{ c: 'usage', k: name, v: text }]);
      return send(res, 200, { name });
    }
    if (route === 'POST /__sim/users/raw') {
      // Data a real gateway may hold but the admin API would refuse to create (odd emails).
      const { email } = parseBody(z.strictObject({ email: z.string().min(1).max(1000) }), body);
      const created = newUser(deps.store, email);
      deps.store.commit(created.changes);
      return send(res, 200, { id: created.user.id, key: { id: created.key.id, secret: created.key.secret } });
    }
    if (route === 'POST /__sim/usage/generate') return send(res, 200, { objects: generate(deps, parseBody(generateSchema, body)) });
    send(res, 404, { error: `No test API route ${route}` });
  } catch (error) {
    const message = error instanceof z.ZodError ? z.prettifyError(error) : error instanceof Error ? error.message : String(error);
    send(res, 400, { error: message });
  }
}
