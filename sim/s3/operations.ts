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
import { listObjects, listObjectVersions } from './list-objects';
import type { XmlNode } from '../xml';
import { metadataOf, unescapeXml, MAX_KEY_BYTES } from './object-meta';
import { abortUpload, completeUpload, createUpload, listParts, listUploads, uploadPart } from './multipart';
import { xmlDocument, xmlResponse } from './xml-answers';

/** One S3 data-plane operation, resolved from method and path before it runs. */
export interface S3Operation {
  name: string;
  usage: OpClass;
  limit: LimitClass;
  bucket: string | null;
  key: string | null;
}

/** Sub-resources this simulator does not serve: answered NotImplemented rather than misread. */
const UNSUPPORTED = ['acl', 'cors', 'lifecycle', 'logging', 'notification', 'policy', 'tagging', 'versioning', 'website', 'replication', 'encryption', 'object-lock', 'retention', 'legal-hold', 'torrent', 'restore', 'select', 'accelerate', 'analytics', 'inventory', 'metrics', 'ownershipControls', 'publicAccessBlock', 'requestPayment', 'intelligent-tiering', 'attributes'];

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
    if (query.has('delete')) return method === 'POST' ? op('DeleteObjects', 'other', 'delete') : op(`unsupported:${method} ?delete`, 'other', null);
    if (query.has('versions')) return method === 'GET' ? op('ListObjectVersions', 'list', 'list') : op(`unsupported:${method} ?versions`, 'other', null);
    if (query.has('uploads')) return method === 'GET' ? op('ListMultipartUploads', 'list', 'list') : op(`unsupported:${method} ?uploads`, 'other', null);
    switch (method) {
      case 'PUT': return op('CreateBucket', 'put', 'put');
      case 'HEAD': return op('HeadBucket', 'other', null);
      case 'DELETE': return op('DeleteBucket', 'other', 'delete');
      case 'GET': return op('ListObjects', 'list', 'list');
    }
  } else if (query.has('uploads')) {
    if (method === 'POST') return op('CreateMultipartUpload', 'put', 'put');
  } else if (query.has('uploadId')) {
    switch (method) {
      case 'PUT': return query.has('partNumber') ? op('UploadPart', 'put', 'put') : op('unsupported:PUT ?uploadId without partNumber', 'other', null);
      case 'POST': return op('CompleteMultipartUpload', 'put', 'put');
      case 'DELETE': return op('AbortMultipartUpload', 'other', 'delete');
      case 'GET': return op('ListParts', 'list', 'list');
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

function createBucket(ctx: Ctx, name: string): SimResponse {
  const { store, principal, now } = ctx;
  checkBucketName(name);
  const existing = store.get('buckets', name);
  if (existing) {
    // In us-east-1 S3 answers a repeated create of one's own bucket as a success.
    if (existing.ownerId === principal.user.id && ctx.config.region === 'us-east-1') return { status: 200, headers: { location: `/${name}` } };
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
  if (header(ctx.req, 'x-amz-copy-source') !== undefined) return copyObject(ctx, name, key);
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
    meta: metadataOf(ctx),
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

/** `/bucket/key` or `bucket/key` (percent-encoded, `?versionId=null` allowed) → where to copy from. */
function copySource(text: string): { bucket: string; key: string } {
  let raw = text.trim();
  const q = raw.indexOf('?');
  if (q >= 0) {
    const version = raw.slice(q + 1);
    if (version !== 'versionId=null' && version !== '') throw new S3Error(400, 'InvalidArgument', 'This bucket is not versioned: only versionId=null can be copied.');
    raw = raw.slice(0, q);
  }
  if (raw.startsWith('/')) raw = raw.slice(1);
  const slash = raw.indexOf('/');
  if (slash <= 0 || slash === raw.length - 1) throw new S3Error(400, 'InvalidArgument', 'Copy Source must mention the source bucket and key: sourcebucket/sourcekey.');
  let key: string;
  try {
    key = decodeURIComponent(raw.slice(slash + 1));
  } catch {
    throw new S3Error(400, 'InvalidArgument', 'Copy Source is not properly percent-encoded.');
  }
  return { bucket: raw.slice(0, slash), key };
}

/**
 * CopyObject: a PUT with `x-amz-copy-source`. The bytes are copied on the server; metadata is the
 * source's (`x-amz-metadata-directive: COPY`, the default) or the request's (`REPLACE`). Copying an
 * object onto itself changes nothing unless REPLACE, so S3 refuses it otherwise.
 */
function copyObject(ctx: Ctx, name: string, key: string): SimResponse {
  const { store, principal, req, now } = ctx;
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) throw new S3Error(400, 'KeyTooLongError', 'Your key is too long (over 1024 bytes).');
  const from = copySource(header(req, 'x-amz-copy-source')!);
  const directive = (header(req, 'x-amz-metadata-directive') ?? 'COPY').toUpperCase();
  if (directive !== 'COPY' && directive !== 'REPLACE') throw new S3Error(400, 'InvalidArgument', 'Unknown metadata directive: use COPY or REPLACE.');
  const source = findObject(ctx, from.bucket, from.key);
  checkConditions(
    source,
    {
      ifMatch: header(req, 'x-amz-copy-source-if-match'),
      ifNoneMatch: header(req, 'x-amz-copy-source-if-none-match'),
      ifModifiedSince: header(req, 'x-amz-copy-source-if-modified-since'),
      ifUnmodifiedSince: header(req, 'x-amz-copy-source-if-unmodified-since'),
    },
    true,
  );
  if (from.bucket === name && from.key === key && directive !== 'REPLACE') {
    throw new S3Error(400, 'InvalidRequest', 'This copy request is illegal because it is trying to copy an object to itself without changing the object’s metadata, storage class, website redirect location or encryption attributes.');
  }
  const bucket = ownedBucket(store, principal, name);
  const old = store.objectsByBucket.get(name)?.get(key);
  enforceQuotas(store, bucket, source.size - (old?.size ?? 0));
  const data = store.blobs.get(source.blob);
  const modified = new Date(now()).toISOString();
  const record: ObjectRecord = {
    bucket: name,
    key,
    size: source.size,
    etag: source.etag,
    modified,
    contentType: directive === 'REPLACE' ? (header(req, 'content-type') ?? 'binary/octet-stream') : source.contentType,
    blob: store.blobs.put(data),
    meta: directive === 'REPLACE' ? metadataOf(ctx) : { ...(source.meta ?? {}) },
  };
  store.commit([
    { c: 'objects', k: `${name}/${key}`, v: record },
    { c: 'buckets', k: name, v: resized(bucket, record.size - (old?.size ?? 0), old ? 0 : 1, now()) },
  ]);
  if (old) store.blobs.remove(old.blob);
  return xmlResponse(xmlDocument('CopyObjectResult', [['LastModified', modified], ['ETag', record.etag]]));
}

interface Conditions {
  ifMatch?: string;
  ifNoneMatch?: string;
  ifModifiedSince?: string;
  ifUnmodifiedSince?: string;
}

const etagList = (text: string) => text.split(',').map((t) => t.trim().replace(/^W\//, ''));
const seconds = (ms: number) => Math.floor(ms / 1000);

/**
 * The conditional headers, as S3 applies them: If-Match and If-Unmodified-Since fail with 412;
 * If-None-Match and If-Modified-Since answer 304 on GET and HEAD (412 for a copy's source). An
 * If-Match that holds makes If-Unmodified-Since moot; an If-None-Match that holds makes
 * If-Modified-Since moot. A date that cannot be read is ignored.
 */
function checkConditions(o: ObjectRecord, c: Conditions, copy: boolean): void {
  const modified = seconds(Date.parse(o.modified));
  const date = (text: string | undefined) => {
    const ms = text === undefined ? NaN : Date.parse(text);
    return Number.isNaN(ms) ? null : seconds(ms);
  };
  const failed = () => new S3Error(412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold');
  const unchanged = () => (copy ? failed() : new S3Error(304, 'NotModified', 'Not Modified'));
  if (c.ifMatch !== undefined) {
    const tags = etagList(c.ifMatch);
    if (!tags.includes('*') && !tags.includes(o.etag)) throw failed();
  } else {
    const since = date(c.ifUnmodifiedSince);
    if (since !== null && modified > since) throw failed();
  }
  if (c.ifNoneMatch !== undefined) {
    const tags = etagList(c.ifNoneMatch);
    if (tags.includes('*') || tags.includes(o.etag)) throw unchanged();
  } else {
    const since = date(c.ifModifiedSince);
    if (since !== null && modified <= since) throw unchanged();
  }
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
    ...(o.meta ?? {}),
    'content-type': o.contentType,
    etag: o.etag,
    'last-modified': new Date(o.modified).toUTCString(),
    'accept-ranges': 'bytes',
  };
}

/** `response-content-type` and the like (presigned download links) set the answer's headers. */
const RESPONSE_OVERRIDES = ['content-type', 'content-language', 'expires', 'cache-control', 'content-disposition', 'content-encoding'];

function getObject(ctx: Ctx, name: string, key: string, head: boolean, query: Map<string, string>): SimResponse {
  const o = findObject(ctx, name, key);
  try {
    checkConditions(o, { ifMatch: header(ctx.req, 'if-match'), ifNoneMatch: header(ctx.req, 'if-none-match'), ifModifiedSince: header(ctx.req, 'if-modified-since'), ifUnmodifiedSince: header(ctx.req, 'if-unmodified-since') }, false);
  } catch (error) {
    // A 304 carries the validators and no body.
    if (error instanceof S3Error && error.status === 304) return { status: 304, headers: { etag: o.etag, 'last-modified': new Date(o.modified).toUTCString() } };
    throw error;
  }
  const overrides: Record<string, string> = {};
  for (const name of RESPONSE_OVERRIDES) {
    const value = query.get(`response-${name}`);
    if (value !== undefined) overrides[name] = value;
  }
  const range = parseRange(header(ctx.req, 'range'), o.size);
  const headers = { ...objectHeaders(o), ...overrides };
  const bytesPerSecond = bandwidthLimit(ctx.store, ctx.principal.user.id, name);
  if (head) return { status: 200, headers: { ...headers, 'content-length': String(o.size) } };
  const data = ctx.store.blobs.get(o.blob);
  if (range) {
    headers['content-range'] = `bytes ${range[0]}-${range[1]}/${o.size}`;
    return { status: 206, headers, body: data.subarray(range[0], range[1] + 1), bytesPerSecond };
  }
  return { status: 200, headers, body: data, bytesPerSecond };
}

/** S3 deletes at most this many keys in one DeleteObjects. */
const MAX_DELETE_KEYS = 1000;

/** DeleteObjects (`POST /bucket?delete`): up to 1,000 keys; `Quiet` answers only the errors. */
function deleteObjects(ctx: Ctx, name: string): SimResponse {
  ownedBucket(ctx.store, ctx.principal, name);
  const text = ctx.req.body.toString('utf8');
  const malformed = () => new S3Error(400, 'MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
  const root = /^\s*(?:<\?xml[^>]*\?>\s*)?<Delete(?:\s[^>]*)?>([\s\S]*)<\/Delete>\s*$/.exec(text);
  if (!root) throw malformed();
  const quiet = /<Quiet>\s*true\s*<\/Quiet>/i.test(root[1]);
  const objects = [...root[1].matchAll(/<Object>([\s\S]*?)<\/Object>/g)].map((m) => {
    const key = /<Key>([\s\S]*?)<\/Key>/.exec(m[1]);
    if (!key) throw malformed();
    return { key: unescapeXml(key[1]), version: /<VersionId>([\s\S]*?)<\/VersionId>/.exec(m[1])?.[1] };
  });
  if (objects.length === 0 || objects.length > MAX_DELETE_KEYS) throw malformed();
  const deleted: XmlNode[] = [];
  const errors: XmlNode[] = [];
  for (const o of objects) {
    if (o.version !== undefined && o.version !== 'null') {
      errors.push(['Error', [['Key', o.key], ['VersionId', o.version], ['Code', 'NoSuchVersion'], ['Message', 'This bucket is not versioned: the only version is null.']]]);
      continue;
    }
    deleteObject(ctx, name, o.key);
    if (!quiet) deleted.push(['Deleted', [['Key', o.key], ...(o.version !== undefined ? ([['VersionId', o.version]] as XmlNode[]) : [])]]);
  }
  return xmlResponse(xmlDocument('DeleteResult', [...deleted, ...errors]));
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
    case 'GetObject': return getObject(ctx, bucket, key, false, query);
    case 'HeadObject': return getObject(ctx, bucket, key, true, query);
    case 'DeleteObject': return deleteObject(ctx, bucket, key);
    case 'DeleteObjects': return deleteObjects(ctx, bucket);
    case 'CreateMultipartUpload': return createUpload(ctx, bucket, key);
    case 'UploadPart': return uploadPart(ctx, bucket, key, query);
    case 'CompleteMultipartUpload': return completeUpload(ctx, bucket, key, query);
    case 'AbortMultipartUpload': return abortUpload(ctx, bucket, key, query);
    case 'ListParts': return listParts(ctx, bucket, key, query);
    case 'ListMultipartUploads': return listUploads(ctx, bucket, query);
    case 'ListObjectVersions': ownedBucket(ctx.store, ctx.principal, bucket); return listObjectVersions(ctx.store, bucket, query);
  }
  if (op.name === 'unsupported:service') throw accessDenied();
  throw new S3Error(501, 'NotImplemented', `The simulator does not implement this request (${op.name.split(':')[1]})`);
}

/** The epoch the request's bucket has now, for usage keys (0 when it does not exist). */
export function currentEpoch(ctx: Ctx, bucket: string | null): number {
  if (!bucket) return 0;
  return ctx.store.get('buckets', bucket)?.epoch ?? 0;
}

