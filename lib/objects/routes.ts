import 'server-only';
import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { NextRequest } from 'next/server';
import { answer, type Endpoint } from '../api/contract';
import { ApiError } from '../api/errors';
import { body, query, route, type RouteContext } from '../api/handler';
import type { AuditAction } from '../audit/actions';
import type { Permission, Who } from '../auth/permissions';
import { bucketAccess, type BucketAccess } from './access';
import { DELETE_BATCH, MAX_PART_BYTES, OBJECT_ENDPOINTS } from './contract';
import { attachment, baseName } from './names';
import { s3Call, s3For } from './s3';

/**
 * The object browser's routes, made twice from one description: for a bucket's owner
 * (`/api/me/buckets/:name/…`, signed with the session's own key pair) and for staff
 * (`/api/buckets/:name/…`, signed with the owner's). Object bytes are streamed both ways: a part
 * of an upload or a download passes through, never held whole.
 */

type P = { name: string; uploadId?: string };

/** Names and sizes (read), an object's contents (content), or a change (write). */
type Kind = 'read' | 'content' | 'write';

const PERMISSION: Record<Who, Record<Kind, Permission>> = {
  self: { read: 'self.read', content: 'self.read', write: 'self.write' },
  staff: { read: 'objects.read', content: 'objects.content', write: 'objects.write' },
};

interface Operation {
  endpoint: keyof typeof OBJECT_ENDPOINTS;
  kind: Kind;
  audit?: AuditAction;
  streams?: true;
}

/**
 * Each operation: its route in the contract, what kind of access it needs, and what is audited —
 * every change and every share link (a staff download is audited too, in objectRoute; a customer
 * reading their own data is not an event). `streams`: it passes a file's bytes through, so it
 * names its own body limit.
 */
const OPERATIONS = {
  list: { endpoint: 'GET /objects', kind: 'read' },
  detail: { endpoint: 'GET /object', kind: 'content' },
  content: { endpoint: 'GET /object/content', kind: 'content' },
  share: { endpoint: 'POST /share', kind: 'content', audit: 'object.share' },
  put: { endpoint: 'PUT /object', kind: 'write', audit: 'object.upload', streams: true },
  createUpload: { endpoint: 'POST /uploads', kind: 'write' },
  uploadPart: { endpoint: 'PUT /uploads/:uploadId', kind: 'write', streams: true },
  completeUpload: { endpoint: 'POST /uploads/:uploadId', kind: 'write', audit: 'object.upload' },
  abortUpload: { endpoint: 'DELETE /uploads/:uploadId', kind: 'write' },
  delete: { endpoint: 'POST /objects/delete', kind: 'write', audit: 'object.delete' },
  folder: { endpoint: 'POST /folders', kind: 'write', audit: 'object.folder' },
} satisfies Record<string, Operation>;

type Op = keyof typeof OPERATIONS;

/** The streamed body's length, which S3 needs before the first byte. */
function declaredLength(req: NextRequest): number {
  const text = req.headers.get('content-length');
  if (text === null || !/^\d{1,12}$/.test(text)) throw new ApiError(411, 'length_required', 'Send the file with its length (Content-Length).');
  return Number(text);
}

/** A Node stream as a web stream read only as fast as the browser takes it. */
function pulled(body: Readable): ReadableStream<Uint8Array> {
  const chunks = body[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await chunks.next();
          if (done) controller.close();
          else controller.enqueue(value as Uint8Array);
        } catch (error) {
          controller.error(error);
        }
      },
      cancel() {
        body.destroy();
      },
    },
    { highWaterMark: 0 },
  );
}

const requestBody = (req: NextRequest): Readable => (req.body ? Readable.fromWeb(req.body as never) : Readable.from([]));

/** What a handler works with: the bucket, the owner's key pair, and one S3 client signed with it for this request. */
type Access = BucketAccess & { s3: S3Client };
type Handler = (ctx: RouteContext<P>, access: Access, endpoint: Endpoint) => Promise<unknown>;

/** Empties a folder a batch of 1,000 at a time, at most ten batches per request; false when more is left. */
async function emptyFolder(s3: S3Client, bucket: string, prefix: string, remove: (keys: string[]) => Promise<number>): Promise<boolean> {
  for (let round = 0; round < 10; round++) {
    const page = await s3Call(() => s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: DELETE_BATCH })));
    const keys = (page.Contents ?? []).map((o) => o.Key!);
    const removed = await remove(keys);
    // Stop on a batch that deleted nothing: listing again would find the same keys.
    if (!page.IsTruncated || removed === 0) return true;
  }
  return false;
}

const HANDLERS: Record<Op, Handler> = {
  async list({ req }, { bucket, s3 }, endpoint) {
    const q = query(req, endpoint.query!) as { prefix: string; search: string; token?: string; pageSize: number };
    const page = await s3Call(() =>
      s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: q.prefix + q.search, Delimiter: '/', MaxKeys: q.pageSize, ContinuationToken: q.token })),
    );
    return answer(endpoint, {
      bucket,
      prefix: q.prefix,
      folders: (page.CommonPrefixes ?? []).map((p) => ({ prefix: p.Prefix!, name: p.Prefix!.slice(q.prefix.length) })),
      // A folder made in the console is an empty object named like the folder: it is the folder, not an entry in it.
      objects: (page.Contents ?? [])
        .filter((o) => o.Key !== q.prefix)
        .map((o) => ({ key: o.Key!, name: o.Key!.slice(q.prefix.length), size: String(o.Size ?? 0), lastModified: o.LastModified?.toISOString() ?? null, etag: o.ETag ?? null })),
      nextToken: page.IsTruncated ? (page.NextContinuationToken ?? null) : null,
    });
  },

  async detail({ req }, { bucket, s3 }, endpoint) {
    const { key } = query(req, endpoint.query!) as { key: string };
    const head = await s3Call(() => s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })));
    return answer(endpoint, {
      key,
      size: String(head.ContentLength ?? 0),
      etag: head.ETag ?? null,
      contentType: head.ContentType ?? null,
      lastModified: head.LastModified?.toISOString() ?? null,
      metadata: head.Metadata ?? {},
      cacheControl: head.CacheControl ?? null,
      contentDisposition: head.ContentDisposition ?? null,
      contentEncoding: head.ContentEncoding ?? null,
    });
  },

  async content({ req, note }, { bucket, s3 }, endpoint) {
    const { key } = query(req, endpoint.query!) as { key: string };
    const object = await s3Call(() => s3.send(new GetObjectCommand({ Bucket: bucket, Key: key })));
    note(`${object.ContentLength ?? '?'} bytes`);
    const headers = new Headers({
      'content-type': object.ContentType || 'application/octet-stream',
      'content-disposition': attachment(baseName(key)),
      'x-content-type-options': 'nosniff',
    });
    if (object.ContentLength !== undefined) headers.set('content-length', String(object.ContentLength));
    if (object.ETag) headers.set('etag', object.ETag);
    return new Response(pulled(object.Body as Readable), { headers });
  },

  async put({ req, note }, { bucket, s3 }, endpoint) {
    const { key } = query(req, endpoint.query!) as { key: string };
    const length = declaredLength(req);
    const put = await s3Call(() =>
      s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: requestBody(req), ContentLength: length, ContentType: req.headers.get('content-type') || 'application/octet-stream' }),
      ),
    );
    note(`${key} (${length} bytes)`);
    return answer(endpoint, { key, etag: put.ETag ?? null });
  },

  async createUpload({ req }, { bucket, s3 }, endpoint) {
    const { key, contentType } = (await body(req, endpoint.body!)) as { key: string; contentType?: string };
    const created = await s3Call(() => s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ContentType: contentType || 'application/octet-stream' })));
    return answer(endpoint, { uploadId: created.UploadId! });
  },

  async uploadPart({ req, params }, { bucket, s3 }, endpoint) {
    const { key, part } = query(req, endpoint.query!) as { key: string; part: number };
    const length = declaredLength(req);
    const sent = await s3Call(() =>
      s3.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: params.uploadId, PartNumber: part, Body: requestBody(req), ContentLength: length })),
    );
    return answer(endpoint, { part, etag: sent.ETag! });
  },

  async completeUpload({ req, params, note }, { bucket, s3 }, endpoint) {
    const { key, parts } = (await body(req, endpoint.body!)) as { key: string; parts: { part: number; etag: string }[] };
    const done = await s3Call(() =>
      s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: bucket,
          Key: key,
          UploadId: params.uploadId,
          MultipartUpload: { Parts: parts.map((p) => ({ PartNumber: p.part, ETag: p.etag })) },
        }),
      ),
    );
    note(`${key} (${parts.length} parts)`);
    return answer(endpoint, { key, etag: done.ETag ?? null });
  },

  async abortUpload({ req, params }, { bucket, s3 }, endpoint) {
    const { key } = query(req, endpoint.query!) as { key: string };
    await s3Call(() => s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: params.uploadId })));
    return answer(endpoint, { aborted: true });
  },

  async delete({ req, note }, { bucket, s3 }, endpoint) {
    const input = (await body(req, endpoint.body!)) as { keys: string[]; prefixes: string[] };
    const failed: { key: string; message: string }[] = [];
    let deleted = 0;
    /** One batch; how many of its keys went. */
    const remove = async (keys: string[]): Promise<number> => {
      if (keys.length === 0) return 0;
      const result = await s3Call(() => s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true } })));
      const errors = result.Errors ?? [];
      for (const e of errors) failed.push({ key: e.Key ?? '', message: e.Message || e.Code || 'The storage service refused to delete it.' });
      deleted += keys.length - errors.length;
      return keys.length - errors.length;
    };
    await remove(input.keys);
    let more = false;
    for (const prefix of input.prefixes) {
      more = !(await emptyFolder(s3, bucket, prefix, remove));
      if (more) break;
    }
    note(`${deleted} object(s)${input.prefixes.length ? ` incl. folder(s) ${input.prefixes.join(', ').slice(0, 200)}` : ''}${failed.length ? `, ${failed.length} failed` : ''}`);
    return answer(endpoint, { deleted, failed, more });
  },

  async folder({ req, note }, { bucket, s3 }, endpoint) {
    const { prefix, name } = (await body(req, endpoint.body!)) as { prefix: string; name: string };
    const key = `${prefix}${name.trim()}/`;
    await s3Call(() => s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: '', ContentLength: 0 })));
    note(key);
    return answer(endpoint, { prefix: key });
  },

  async share({ req, note }, { bucket, pair, s3 }, endpoint) {
    const { key, expiresIn } = (await body(req, endpoint.body!)) as { key: string; expiresIn: number };
    // The object must be there: a link to nothing would only fail later, in someone else's hands.
    await s3Call(() => s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })));
    const url = await getSignedUrl(s3For(pair, { public: true }), new GetObjectCommand({ Bucket: bucket, Key: key, ResponseContentDisposition: attachment(baseName(key)) }), { expiresIn });
    note(`${key} for ${Math.round(expiresIn / 3600)} h`);
    return answer(endpoint, { url, expiresAt: new Date(Date.now() + expiresIn * 1000).toISOString() });
  },
};

const target = (p: P, req: NextRequest) => {
  const key = req.nextUrl.searchParams.get('key');
  return `bucket:${p.name}${key ? `/object:${key}` : ''}`.slice(0, 300);
};

/** One object-browser route for `who`. */
export function objectRoute(who: Who, op: Op) {
  const operation: Operation = OPERATIONS[op];
  const endpoint: Endpoint = OBJECT_ENDPOINTS[operation.endpoint];
  const action = who === 'staff' && op === 'content' ? 'object.download' : operation.audit;
  return route<P>(
    PERMISSION[who][operation.kind],
    async (ctx) => {
      const access = await bucketAccess(who, ctx.user, ctx.params.name);
      return HANDLERS[op](ctx, { ...access, s3: s3For(access.pair) }, endpoint);
    },
    action ? { action, target } : undefined,
    operation.streams ? { maxBodyBytes: MAX_PART_BYTES } : {},
  );
}
