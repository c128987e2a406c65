import crypto from 'node:crypto';
import type { Ctx, SimResponse } from '../context';
import { accessDenied, noSuchKey, S3Error } from '../errors';
import { bandwidthLimit, enforceOpsLimits, type LimitClass } from '../enforce/rate-limit';
import { enforceQuotas } from '../enforce/quota';
import {
  checkBucketName,
  deleteBucketChanges,
  newBucketChanges,
  ownedBucket,
  resized,
} from '../model/buckets';
import { header } from '../request';
import type { ObjectRecord } from '../store/records';
import type { OpClass } from '../usage/recorder';
import { listObjects } from './list-objects';
import { xmlDocument, xmlResponse } from './xml-answers';

/** One S3 data-plane operation, resolved from method and path before it runs. */
export interface S3Operation {
  name: string;
  usage: OpClass;
  limit: LimitClass;
  bucket: string | null;
  key: string | null;
}

const MAX_KEY_BYTES = 1024;
/** Sub-resources this simulator does not serve: answered NotImplemented rather than misread. */
const UNSUPPORTED = ['acl', 'cors', 'delete', 'lifecycle', 'logging', 'notification', 'policy', 'tagging', 'uploads', 'uploadId', 'versioning', 'versions', 'website', 'replication', 'encryption', 'object-lock', 'retention', 'legal-hold', 'torrent', 'restore', 'select', 'accelerate', 'analytics', 'inventory', 'metrics', 'ownershipControls', 'publicAccessBlock', 'requestPayment', 'intelligent-tiering', 'attributes'];

export function resolveOperation(method: string, path: string, query: Map<string, string>): S3Operation {
  const unsupported = UNSUPPORTED.find((s) => query.has(s));
  const slash = path.indexOf('/', 1);
  const bucket = path.length > 1 ? (slash < 0 ? path.slice(1) : path.slice(1, slash)) : null;
  const key = slash < 0 || slash === path.length - 1 ? null : path.slice(slash + 1);
  const op = (name: string, usage: OpClass, limit: LimitClass): S3Operation => ({ name, usage, limit, bucket, key });
  if (unsupported) return op(`unsupported:${unsupported}`, 'other', null);
  if (bucket === null) return op(method === 'GET' ? 'ListBuckets' : 'unsupported:service', 'list', 'list');
  if (key === null) {
    if (query.has('location')) return op('GetBucketLocation', 'other', null);
    switch (method) {
      case 'PUT': return op('CreateBucket', 'put', 'put');
      case 'HEAD': return op('HeadBucket', 'other', null);
      case 'DELETE': return op('DeleteBucket', 'other', 'delete');
      case 'GET': return op('ListObjects', 'list', 'list');
    }
  } else {
    switch (method) {
      case 'PUT': return op('PutObject', 'put', 'put');
      case 'GET': return op('GetObject', 'get', 'get');
      case 'HEAD': return op('HeadObject', 'get', 'get');
      case 'DELETE': return op('DeleteObject', 'other', 'delete');
    }
  }
  return op(`unsupported:${method}`, 'other', null);
}

function listBuckets({ store, principal }: Ctx): SimResponse {
  const names = [...(store.bucketsByOwner.get(principal.user.id) ?? [])].sort();
  return xmlResponse(
    xmlDocument('ListAllMyBucketsResult', [
      ['Owner', [['ID', principal.user.id], ['DisplayName', principal.user.email]]],
      ['Buckets', names.map((n) => ['Bucket', [['Name', n], ['CreationDate', store.get('buckets', n)!.created]]])],
    ]),
  );
}

function createBucket({ store, principal, now }: Ctx, name: string): SimResponse {
  checkBucketName(name);
  const existing = store.get('buckets', name);
  if (existing) {
    throw existing.ownerId === principal.user.id
      ? new S3Error(409, 'BucketAlreadyOwnedByYou', `You already own the bucket ${name}`)
      : new S3Error(409, 'BucketAlreadyExists', `The bucket name ${name} is taken; choose another`);
  }
  store.commit(newBucketChanges(store, name, principal.user.id, now()));
  return { status: 200, headers: { location: `/${name}` } };
}

function deleteBucket({ store, principal, now }: Ctx, name: string): SimResponse {
  const bucket = ownedBucket(store, principal, name);
  if (bucket.objects > 0) {
    throw new S3Error(409, 'BucketNotEmpty', `The bucket ${name} is not empty: it holds ${bucket.objects} object(s)`);
  }
  store.commit(deleteBucketChanges(store, bucket, now()));
  return { status: 204 };
}

function checkContentMd5(ctx: Ctx, body: Buffer): string {
  const md5 = crypto.createHash('md5').update(body);
  const digest = md5.digest();
  const sent = header(ctx.req, 'content-md5');
  if (sent !== undefined) {
    const given = Buffer.from(sent, 'base64');
    if (given.length !== 16) throw new S3Error(400, 'InvalidDigest', 'The Content-MD5 you specified was invalid.');
    if (!given.equals(digest)) throw new S3Error(400, 'BadDigest', 'The Content-MD5 you specified did not match what we received.');
  }
  return digest.toString('hex');
}

function putObject(ctx: Ctx, name: string, key: string): SimResponse {
  const { store, principal, req, now } = ctx;
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) throw new S3Error(400, 'KeyTooLongError', 'Your key is too long (over 1024 bytes).');
  const bucket = ownedBucket(store, principal, name);
  const md5 = checkContentMd5(ctx, req.body);
  const old = store.objectsByBucket.get(name)?.get(key);
  enforceQuotas(store, bucket, req.body.length - (old?.size ?? 0));
  const record: ObjectRecord = {
    bucket: name,
    key,
    size: req.body.length,
    etag: `"${md5}"`,
    modified: new Date(now()).toISOString(),
    contentType: header(req, 'content-type') ?? 'binary/octet-stream',
    blob: store.blobs.put(req.body),
  };
  store.commit([
    { c: 'objects', k: `${name}/${key}`, v: record },
    { c: 'buckets', k: name, v: resized(bucket, record.size - (old?.size ?? 0), old ? 0 : 1, now()) },
  ]);
  if (old) store.blobs.remove(old.blob);
  return { status: 200, headers: { etag: record.etag } };
}

function findObject(ctx: Ctx, name: string, key: string): ObjectRecord {
  ownedBucket(ctx.store, ctx.principal, name);
  const object = ctx.store.objectsByBucket.get(name)?.get(key);
  if (!object) throw noSuchKey();
  return object;
}

/** `bytes=a-b`, `bytes=a-` or `bytes=-n` → [start, end] inclusive; null to send the whole object. */
export function parseRange(text: string | undefined, size: number): [number, number] | null {
  if (!text) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(text.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) {
    throw new S3Error(416, 'InvalidRange', 'The requested range is not satisfiable');
  }
  return [start, end];
}

function objectHeaders(o: ObjectRecord): Record<string, string> {
  return {
    'content-type': o.contentType,
    etag: o.etag,
    'last-modified': new Date(o.modified).toUTCString(),
    'accept-ranges': 'bytes',
  };
}

function getObject(ctx: Ctx, name: string, key: string, head: boolean): SimResponse {
  const o = findObject(ctx, name, key);
  const range = parseRange(header(ctx.req, 'range'), o.size);
  const headers = objectHeaders(o);
  const bytesPerSecond = bandwidthLimit(ctx.store, ctx.principal.user.id, name);
  if (head) return { status: 200, headers: { ...headers, 'content-length': String(o.size) } };
  const data = ctx.store.blobs.get(o.blob);
  if (range) {
    headers['content-range'] = `bytes ${range[0]}-${range[1]}/${o.size}`;
    return { status: 206, headers, body: data.subarray(range[0], range[1] + 1), bytesPerSecond };
  }
  return { status: 200, headers, body: data, bytesPerSecond };
}

function deleteObject({ store, principal, now }: Ctx, name: string, key: string): SimResponse {
  const bucket = ownedBucket(store, principal, name);
  const old = store.objectsByBucket.get(name)?.get(key);
  if (old) {
    store.commit([
      { c: 'objects', k: `${name}/${key}`, v: null },
      { c: 'buckets', k: name, v: resized(bucket, -old.size, -1, now()) },
    ]);
    store.blobs.remove(old.blob);
  }
  return { status: 204 };
}

/** Runs an S3 operation for an authenticated caller; ops limits first, as the gateway refuses early. */
export function runOperation(ctx: Ctx, op: S3Operation, query: Map<string, string>): SimResponse {
  if (!ctx.principal.system) enforceOpsLimits(ctx.store, ctx.limiter, ctx.principal.user.id, op.bucket, op.limit);
  const bucket = op.bucket ?? '';
  const key = op.key ?? '';
  switch (op.name) {
    case 'ListBuckets': return listBuckets(ctx);
    case 'CreateBucket': return createBucket(ctx, bucket);
    case 'HeadBucket': ownedBucket(ctx.store, ctx.principal, bucket); return { status: 200 };
    case 'GetBucketLocation':
      ownedBucket(ctx.store, ctx.principal, bucket);
      return xmlResponse(xmlDocument('LocationConstraint', []).replace('></LocationConstraint>', `>${ctx.config.region}</LocationConstraint>`));
    case 'DeleteBucket': return deleteBucket(ctx, bucket);
    case 'ListObjects': ownedBucket(ctx.store, ctx.principal, bucket); return listObjects(ctx.store, bucket, query);
    case 'PutObject': return putObject(ctx, bucket, key);
    case 'GetObject': return getObject(ctx, bucket, key, false);
    case 'HeadObject': return getObject(ctx, bucket, key, true);
    case 'DeleteObject': return deleteObject(ctx, bucket, key);
  }
  if (op.name === 'unsupported:service') throw accessDenied();
  throw new S3Error(501, 'NotImplemented', `The simulator does not implement this request (${op.name.split(':')[1]})`);
}

/** The epoch the request's bucket has now, for usage keys (0 when it does not exist). */
export function currentEpoch(ctx: Ctx, bucket: string | null): number {
  if (!bucket) return 0;
  return ctx.store.get('buckets', bucket)?.epoch ?? 0;
}

