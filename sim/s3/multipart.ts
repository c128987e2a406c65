import crypto from 'node:crypto';
import type { Ctx, SimResponse } from '../context';
import { S3Error } from '../errors';
import { enforceQuotas } from '../enforce/quota';
import { ownedBucket, resized } from '../model/buckets';
import { header } from '../request';
import type { ObjectRecord, PartRecord, UploadRecord } from '../store/records';
import type { XmlNode } from '../xml';
import { MAX_KEY_BYTES, metadataOf, unescapeXml } from './object-meta';
import { xmlDocument, xmlResponse } from './xml-answers';

/**
 * Multipart uploads as S3 runs them: create, upload parts (1 to 10,000, each kept as it arrives),
 * complete (parts named in ascending order with their ETags; every part but the last at least
 * 5 MiB), abort, list parts, list uploads. The completed object's ETag is S3's: the MD5 of the
 * parts' MD5s, then `-<number of parts>`. Parts' bytes count as uploads in the usage statistics,
 * as they arrive.
 */

export const MIN_PART_BYTES = 5 * 1024 * 1024;
const MAX_PARTS = 10_000;

const noSuchUpload = () => new S3Error(404, 'NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.');

function uploadOf(ctx: Ctx, bucket: string, key: string, query: Map<string, string>): UploadRecord {
  ownedBucket(ctx.store, ctx.principal, bucket);
  const id = query.get('uploadId') ?? '';
  const upload = ctx.store.get('uploads', id);
  if (!upload || upload.bucket !== bucket || upload.key !== key) throw noSuchUpload();
  return upload;
}

export function createUpload(ctx: Ctx, bucket: string, key: string): SimResponse {
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) throw new S3Error(400, 'KeyTooLongError', 'Your key is too long (over 1024 bytes).');
  ownedBucket(ctx.store, ctx.principal, bucket);
  const upload: UploadRecord = {
    id: crypto.randomBytes(24).toString('base64url'),
    bucket,
    key,
    ownerId: ctx.principal.user.id,
    initiated: new Date(ctx.now()).toISOString(),
    contentType: header(ctx.req, 'content-type') ?? 'binary/octet-stream',
    meta: metadataOf(ctx),
    parts: {},
  };
  ctx.store.commit([{ c: 'uploads', k: upload.id, v: upload }]);
  return xmlResponse(xmlDocument('InitiateMultipartUploadResult', [['Bucket', bucket], ['Key', key], ['UploadId', upload.id]]));
}

export function uploadPart(ctx: Ctx, bucket: string, key: string, query: Map<string, string>): SimResponse {
  const upload = uploadOf(ctx, bucket, key, query);
  const text = query.get('partNumber') ?? '';
  const number = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(number >= 1 && number <= MAX_PARTS)) throw new S3Error(400, 'InvalidArgument', `Part number must be an integer between 1 and ${MAX_PARTS}, inclusive`);
  if (header(ctx.req, 'x-amz-copy-source') !== undefined) throw new S3Error(501, 'NotImplemented', 'The simulator does not implement UploadPartCopy: upload the part’s bytes instead.');
  const body = ctx.req.body;
  const md5 = crypto.createHash('md5').update(body).digest();
  const sent = header(ctx.req, 'content-md5');
  if (sent !== undefined && !Buffer.from(sent, 'base64').equals(md5)) throw new S3Error(400, 'BadDigest', 'The Content-MD5 you specified did not match what we received.');
  const part: PartRecord = { etag: `"${md5.toString('hex')}"`, size: body.length, blob: ctx.store.blobs.put(body), modified: new Date(ctx.now()).toISOString() };
  const old = upload.parts[String(number)];
  ctx.store.commit([{ c: 'uploads', k: upload.id, v: { ...upload, parts: { ...upload.parts, [String(number)]: part } } }]);
  if (old) ctx.store.blobs.remove(old.blob);
  return { status: 200, headers: { etag: part.etag } };
}

function dropParts(ctx: Ctx, upload: UploadRecord): void {
  for (const part of Object.values(upload.parts)) ctx.store.blobs.remove(part.blob);
}

export function abortUpload(ctx: Ctx, bucket: string, key: string, query: Map<string, string>): SimResponse {
  const upload = uploadOf(ctx, bucket, key, query);
  ctx.store.commit([{ c: 'uploads', k: upload.id, v: null }]);
  dropParts(ctx, upload);
  return { status: 204 };
}

export function completeUpload(ctx: Ctx, bucket: string, key: string, query: Map<string, string>): SimResponse {
  const upload = uploadOf(ctx, bucket, key, query);
  const malformed = () => new S3Error(400, 'MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
  const root = /^\s*(?:<\?xml[^>]*\?>\s*)?<CompleteMultipartUpload(?:\s[^>]*)?>([\s\S]*)<\/CompleteMultipartUpload>\s*$/.exec(ctx.req.body.toString('utf8'));
  if (!root) throw malformed();
  const named = [...root[1].matchAll(/<Part>([\s\S]*?)<\/Part>/g)].map((m) => {
    const number = /<PartNumber>\s*(\d+)\s*<\/PartNumber>/.exec(m[1]);
    const etag = /<ETag>([\s\S]*?)<\/ETag>/.exec(m[1]);
    if (!number || !etag) throw malformed();
    const tag = unescapeXml(etag[1]).trim();
    return { number: Number(number[1]), etag: tag.startsWith('"') ? tag : `"${tag}"` };
  });
  if (named.length === 0) throw malformed();
  for (let i = 1; i < named.length; i++) {
    if (named[i].number <= named[i - 1].number) throw new S3Error(400, 'InvalidPartOrder', 'The list of parts was not in ascending order. Parts must be ordered by part number.');
  }
  const parts = named.map((n) => {
    const part = upload.parts[String(n.number)];
    if (!part || part.etag !== n.etag) throw new S3Error(400, 'InvalidPart', `One or more of the specified parts could not be found (part ${n.number}), or its ETag did not match.`);
    return part;
  });
  parts.forEach((part, i) => {
    if (i < parts.length - 1 && part.size < MIN_PART_BYTES) throw new S3Error(400, 'EntityTooSmall', `Your proposed upload is smaller than the minimum allowed size: part ${named[i].number} has ${part.size} bytes; every part but the last must have at least 5 MiB.`);
  });
  const target = ownedBucket(ctx.store, ctx.principal, bucket);
  const data = Buffer.concat(parts.map((p) => ctx.store.blobs.get(p.blob)));
  const old = ctx.store.objectsByBucket.get(bucket)?.get(key);
  enforceQuotas(ctx.store, target, data.length - (old?.size ?? 0));
  const digest = crypto.createHash('md5');
  for (const p of parts) digest.update(Buffer.from(p.etag.slice(1, -1), 'hex'));
  const record: ObjectRecord = {
    bucket,
    key,
    size: data.length,
    etag: `"${digest.digest('hex')}-${parts.length}"`,
    modified: new Date(ctx.now()).toISOString(),
    contentType: upload.contentType,
    blob: ctx.store.blobs.put(data),
    meta: upload.meta,
  };
  ctx.store.commit([
    { c: 'objects', k: `${bucket}/${key}`, v: record },
    { c: 'buckets', k: bucket, v: resized(target, record.size - (old?.size ?? 0), old ? 0 : 1, ctx.now()) },
    { c: 'uploads', k: upload.id, v: null },
  ]);
  if (old) ctx.store.blobs.remove(old.blob);
  dropParts(ctx, upload);
  return xmlResponse(
    xmlDocument('CompleteMultipartUploadResult', [
      ['Location', `http://${header(ctx.req, 'host') ?? 'localhost'}/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`],
      ['Bucket', bucket],
      ['Key', key],
      ['ETag', record.etag],
    ]),
  );
}

const owner = (ctx: Ctx, id: string): XmlNode[] => [['ID', id], ['DisplayName', ctx.store.get('users', id)?.email ?? id]];

const pageSize = (text: string | undefined, name: string): number => {
  if (text === undefined) return 1000;
  if (!/^\d{1,9}$/.test(text)) throw new S3Error(400, 'InvalidArgument', `${name} must be a non-negative whole number`);
  return Math.min(Number(text), 1000);
};

export function listParts(ctx: Ctx, bucket: string, key: string, query: Map<string, string>): SimResponse {
  const upload = uploadOf(ctx, bucket, key, query);
  const max = pageSize(query.get('max-parts'), 'max-parts');
  const marker = Number(query.get('part-number-marker') ?? '0') || 0;
  const numbers = Object.keys(upload.parts).map(Number).filter((n) => n > marker).sort((a, b) => a - b);
  const page = numbers.slice(0, max);
  const truncated = numbers.length > page.length;
  return xmlResponse(
    xmlDocument('ListPartsResult', [
      ['Bucket', bucket],
      ['Key', key],
      ['UploadId', upload.id],
      ['Initiator', owner(ctx, upload.ownerId)],
      ['Owner', owner(ctx, upload.ownerId)],
      ['StorageClass', 'STANDARD'],
      ['PartNumberMarker', marker],
      ...(truncated ? ([['NextPartNumberMarker', page[page.length - 1]]] as XmlNode[]) : []),
      ['MaxParts', max],
      ['IsTruncated', truncated],
      ...page.map((n): XmlNode => {
        const p = upload.parts[String(n)];
        return ['Part', [['PartNumber', n], ['LastModified', p.modified], ['ETag', p.etag], ['Size', p.size]]];
      }),
    ]),
  );
}

export function listUploads(ctx: Ctx, bucket: string, query: Map<string, string>): SimResponse {
  ownedBucket(ctx.store, ctx.principal, bucket);
  const max = pageSize(query.get('max-uploads'), 'max-uploads');
  const prefix = query.get('prefix') ?? '';
  const keyMarker = query.get('key-marker') ?? '';
  const uploads = [...ctx.store.maps.uploads.values()]
    .filter((u) => u.bucket === bucket && u.key.startsWith(prefix) && u.key > keyMarker)
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.initiated.localeCompare(b.initiated)));
  const page = uploads.slice(0, max);
  const truncated = uploads.length > page.length;
  const last = page[page.length - 1];
  return xmlResponse(
    xmlDocument('ListMultipartUploadsResult', [
      ['Bucket', bucket],
      ['KeyMarker', keyMarker],
      ['UploadIdMarker', query.get('upload-id-marker') ?? ''],
      ...(truncated && last ? ([['NextKeyMarker', last.key], ['NextUploadIdMarker', last.id]] as XmlNode[]) : []),
      ['Prefix', prefix],
      ['MaxUploads', max],
      ['IsTruncated', truncated],
      ...page.map((u): XmlNode => ['Upload', [['Key', u.key], ['UploadId', u.id], ['Initiator', owner(ctx, u.ownerId)], ['Owner', owner(ctx, u.ownerId)], ['StorageClass', 'STANDARD'], ['Initiated', u.initiated]]]),
    ]),
  );
}
