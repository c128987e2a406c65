import crypto from 'node:crypto';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  UploadPartCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectsCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, errorCode } from '../testing/client';
import { testGateway } from '../testing/harness';
import { sdkClient, sdkFailure } from '../testing/sdk';

/**
 * What real S3 clients expect and the simulator once got silently wrong, checked with the
 * unmodified AWS SDK v3: CopyObject keeps bytes and metadata, user metadata round-trips,
 * conditional requests answer 304/412, and `response-*` overrides set a download's headers.
 */

const gw = testGateway();
let s3: S3Client;


const text = async (s3Client: S3Client, Bucket: string, Key: string) => (await s3Client.send(new GetObjectCommand({ Bucket, Key }))).Body!.transformToString();

beforeAll(async () => {
  const { key } = await gw.createUser('behaviour@example.com');
  s3 = sdkClient(gw.sim.url, key);
  await s3.send(new CreateBucketCommand({ Bucket: 'src-bucket' }));
  await s3.send(new CreateBucketCommand({ Bucket: 'dst-bucket' }));
  await s3.send(
    new PutObjectCommand({
      Bucket: 'src-bucket',
      Key: 'photos/a b.txt',
      Body: 'the original bytes',
      ContentType: 'text/plain',
      Metadata: { owner: 'jane', purpose: 'test' },
      ContentDisposition: 'inline',
      CacheControl: 'max-age=60',
    }),
  );
});

describe('user metadata', () => {
  it('is stored with the object and given back on GET and HEAD, with the stored headers', async () => {
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'src-bucket', Key: 'photos/a b.txt' }));
    expect(head.Metadata).toEqual({ owner: 'jane', purpose: 'test' });
    expect([head.ContentType, head.ContentDisposition, head.CacheControl]).toEqual(['text/plain', 'inline', 'max-age=60']);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'src-bucket', Key: 'photos/a b.txt' }));
    expect(got.Metadata).toEqual({ owner: 'jane', purpose: 'test' });
  });

  it('over 2 KB is refused', async () => {
    expect(await sdkFailure(s3.send(new PutObjectCommand({ Bucket: 'src-bucket', Key: 'big-meta', Body: 'x', Metadata: { big: 'y'.repeat(2100) } })))).toMatchObject({ name: 'MetadataTooLarge', status: 400 });
  });
});

describe('CopyObject', () => {
  it('copies the bytes and the metadata within a bucket and across buckets, answering CopyObjectResult', async () => {
    const source = await s3.send(new HeadObjectCommand({ Bucket: 'src-bucket', Key: 'photos/a b.txt' }));
    const within = await s3.send(new CopyObjectCommand({ Bucket: 'src-bucket', Key: 'copy.txt', CopySource: 'src-bucket/photos/a%20b.txt' }));
    expect(within.CopyObjectResult?.ETag).toBe(source.ETag);
    expect(within.CopyObjectResult?.LastModified).toBeInstanceOf(Date);
    await s3.send(new CopyObjectCommand({ Bucket: 'dst-bucket', Key: 'elsewhere/copy.txt', CopySource: '/src-bucket/photos/a%20b.txt' }));
    for (const [Bucket, Key] of [['src-bucket', 'copy.txt'], ['dst-bucket', 'elsewhere/copy.txt']]) {
      expect(await text(s3, Bucket, Key)).toBe('the original bytes');
      const head = await s3.send(new HeadObjectCommand({ Bucket, Key }));
      expect(head).toMatchObject({ Metadata: { owner: 'jane', purpose: 'test' }, ContentType: 'text/plain', ContentLength: 18 });
    }
    // The source is untouched.
    expect(await text(s3, 'src-bucket', 'photos/a b.txt')).toBe('the original bytes');
  });

  it('replaces the metadata with REPLACE, and copies an object onto itself only then', async () => {
    await s3.send(new CopyObjectCommand({ Bucket: 'dst-bucket', Key: 'replaced.txt', CopySource: 'src-bucket/photos/a%20b.txt', MetadataDirective: 'REPLACE', Metadata: { fresh: 'yes' }, ContentType: 'text/markdown' }));
    expect(await s3.send(new HeadObjectCommand({ Bucket: 'dst-bucket', Key: 'replaced.txt' }))).toMatchObject({ Metadata: { fresh: 'yes' }, ContentType: 'text/markdown' });
    expect(await sdkFailure(s3.send(new CopyObjectCommand({ Bucket: 'dst-bucket', Key: 'replaced.txt', CopySource: 'dst-bucket/replaced.txt' })))).toMatchObject({ name: 'InvalidRequest', status: 400 });
    await s3.send(new CopyObjectCommand({ Bucket: 'dst-bucket', Key: 'replaced.txt', CopySource: 'dst-bucket/replaced.txt', MetadataDirective: 'REPLACE', Metadata: { again: '1' } }));
    expect((await s3.send(new HeadObjectCommand({ Bucket: 'dst-bucket', Key: 'replaced.txt' }))).Metadata).toEqual({ again: '1' });
    expect(await text(s3, 'dst-bucket', 'replaced.txt')).toBe('the original bytes');
  });

  it('refuses a missing source, another user’s bucket and a failed source condition', async () => {
    expect(await sdkFailure(s3.send(new CopyObjectCommand({ Bucket: 'dst-bucket', Key: 'x', CopySource: 'src-bucket/nothing-here' })))).toMatchObject({ name: 'NoSuchKey', status: 404 });
    const other = await gw.createUser('other-copier@example.com');
    const theirs = sdkClient(gw.sim.url, other.key);
    await theirs.send(new CreateBucketCommand({ Bucket: 'their-bucket' }));
    expect(await sdkFailure(theirs.send(new CopyObjectCommand({ Bucket: 'their-bucket', Key: 'stolen', CopySource: 'src-bucket/copy.txt' })))).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(await sdkFailure(s3.send(new CopyObjectCommand({ Bucket: 'dst-bucket', Key: 'y', CopySource: 'src-bucket/copy.txt', CopySourceIfMatch: '"0000"' })))).toMatchObject({ name: 'PreconditionFailed', status: 412 });
  });
});

describe('conditional requests', () => {
  it('answer 304 for If-None-Match and If-Modified-Since, 412 for If-Match and If-Unmodified-Since', async () => {
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'src-bucket', Key: 'photos/a b.txt' }));
    const etag = head.ETag!;
    const modified = head.LastModified!;
    const get = (extra: Record<string, unknown>) => s3.send(new GetObjectCommand({ Bucket: 'src-bucket', Key: 'photos/a b.txt', ...extra }));
    expect(await sdkFailure(get({ IfNoneMatch: etag }))).toMatchObject({ status: 304 });
    expect(await sdkFailure(get({ IfModifiedSince: new Date(modified.getTime() + 1000) }))).toMatchObject({ status: 304 });
    expect(await sdkFailure(get({ IfMatch: '"not-the-etag"' }))).toMatchObject({ name: 'PreconditionFailed', status: 412 });
    expect(await sdkFailure(get({ IfUnmodifiedSince: new Date(modified.getTime() - 60_000) }))).toMatchObject({ name: 'PreconditionFailed', status: 412 });
    expect(await sdkFailure(s3.send(new HeadObjectCommand({ Bucket: 'src-bucket', Key: 'photos/a b.txt', IfNoneMatch: etag })))).toMatchObject({ status: 304 });
    // Conditions that hold let the object through.
    expect((await get({ IfMatch: etag, IfNoneMatch: '"other"', IfModifiedSince: new Date(modified.getTime() - 60_000) })).ETag).toBe(etag);
    expect((await get({ IfMatch: '*' })).ETag).toBe(etag);
  });
});

describe('download overrides', () => {
  it('response-* parameters of a presigned URL set the answer’s headers', async () => {
    const url = await getSignedUrl(
      s3,
      new GetObjectCommand({
        Bucket: 'src-bucket',
        Key: 'photos/a b.txt',
        ResponseContentType: 'application/x-download',
        ResponseContentDisposition: 'attachment; filename="a b.txt"',
        ResponseCacheControl: 'no-cache',
      }),
      { expiresIn: 60 },
    );
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-download');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="a b.txt"');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe('the original bytes');
  });

  it('takes a presigned PUT, and refuses one whose signature does not cover what is sent', async () => {
    const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket: 'src-bucket', Key: 'dropped/by-link.txt' }), { expiresIn: 300 });
    const put = await fetch(url, { method: 'PUT', body: 'sent with a link' });
    expect(put.status).toBe(200);
    expect(await text(s3, 'src-bucket', 'dropped/by-link.txt')).toBe('sent with a link');
    const elsewhere = await fetch(url.replace('by-link.txt', 'other.txt'), { method: 'PUT', body: 'x' });
    expect(elsewhere.status).toBe(403);
  });
});

describe('DeleteObjects', () => {
  it('deletes a batch, answers each key (or only errors when quiet), and refuses more than 1,000 keys', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'batch-bucket' }));
    for (const Key of ['a', 'b', 'c', 'd & <e>']) await s3.send(new PutObjectCommand({ Bucket: 'batch-bucket', Key, Body: Key }));
    const loud = await s3.send(new DeleteObjectsCommand({ Bucket: 'batch-bucket', Delete: { Objects: [{ Key: 'a' }, { Key: 'd & <e>' }, { Key: 'never-there' }] } }));
    expect(loud.Deleted?.map((d) => d.Key).sort()).toEqual(['a', 'd & <e>', 'never-there']);
    expect(loud.Errors ?? []).toEqual([]);
    const quiet = await s3.send(new DeleteObjectsCommand({ Bucket: 'batch-bucket', Delete: { Quiet: true, Objects: [{ Key: 'b' }, { Key: 'c', VersionId: '3' }] } }));
    expect(quiet.Deleted ?? []).toEqual([]);
    expect(quiet.Errors).toMatchObject([{ Key: 'c', Code: 'NoSuchVersion' }]);
    const left = await s3.send(new ListObjectsV2Command({ Bucket: 'batch-bucket' }));
    expect(left.Contents?.map((o) => o.Key)).toEqual(['c']);
    const tooMany = Array.from({ length: 1001 }, (_, i) => ({ Key: `k${i}` }));
    expect(await sdkFailure(s3.send(new DeleteObjectsCommand({ Bucket: 'batch-bucket', Delete: { Objects: tooMany } })))).toMatchObject({ name: 'MalformedXML', status: 400 });
  });
});

describe('ListObjectVersions on an unversioned bucket', () => {
  it('lists every object once as version null, page by page', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'versions-bucket' }));
    for (const Key of ['v1', 'v2', 'v3']) await s3.send(new PutObjectCommand({ Bucket: 'versions-bucket', Key, Body: Key }));
    const first = await s3.send(new ListObjectVersionsCommand({ Bucket: 'versions-bucket', MaxKeys: 2 }));
    expect(first.Versions?.map((v) => [v.Key, v.VersionId, v.IsLatest])).toEqual([
      ['v1', 'null', true],
      ['v2', 'null', true],
    ]);
    expect([first.IsTruncated, first.NextKeyMarker]).toEqual([true, 'v2']);
    const rest = await s3.send(new ListObjectVersionsCommand({ Bucket: 'versions-bucket', KeyMarker: first.NextKeyMarker, VersionIdMarker: first.NextVersionIdMarker }));
    expect(rest.Versions?.map((v) => v.Key)).toEqual(['v3']);
    expect(rest.IsTruncated).toBe(false);
  });
});

describe('small differences from S3, now gone', () => {
  it('re-creating one’s own bucket in us-east-1 is a success; another’s is BucketAlreadyExists', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'src-bucket' }));
    const other = await gw.createUser('recreate@example.com');
    expect(await sdkFailure(sdkClient(gw.sim.url, other.key).send(new CreateBucketCommand({ Bucket: 'src-bucket' })))).toMatchObject({ name: 'BucketAlreadyExists', status: 409 });
  });

  it('refuses bucket names with a dot beside a hyphen', async () => {
    for (const Bucket of ['foo.-bar', 'foo-.bar']) expect(await sdkFailure(s3.send(new CreateBucketCommand({ Bucket })))).toMatchObject({ name: 'InvalidBucketName', status: 400 });
  });

  it('lists nothing and is not truncated with max-keys=0; names owners with fetch-owner; encodes keys with encoding-type=url', async () => {
    const none = await s3.send(new ListObjectsV2Command({ Bucket: 'src-bucket', MaxKeys: 0 }));
    expect([none.KeyCount, none.IsTruncated, none.Contents]).toEqual([0, false, undefined]);
    const plain = await s3.send(new ListObjectsV2Command({ Bucket: 'src-bucket' }));
    expect(plain.Contents?.[0].Owner).toBeUndefined();
    const owned = await s3.send(new ListObjectsV2Command({ Bucket: 'src-bucket', FetchOwner: true }));
    expect(owned.Contents?.[0].Owner?.ID).toMatch(/^[0-9a-f]{16}$/);
    const { key } = await gw.createUser('encoder@example.com');
    await call(gw.sim.url, 'PUT', '/enc-bucket', key);
    await call(gw.sim.url, 'PUT', `/enc-bucket/${encodeURIComponent('a b+c')}/${encodeURIComponent('é')}`, key, { body: 'x' });
    const raw = await call(gw.sim.url, 'GET', '/enc-bucket?list-type=2&encoding-type=url', key);
    expect(raw.text).toContain('<EncodingType>url</EncodingType>');
    expect(raw.text).toContain('<Key>a%20b%2Bc/%C3%A9</Key>');
    // Through the SDK, as the caller decodes them.
    const listed = await sdkClient(gw.sim.url, key).send(new ListObjectsV2Command({ Bucket: 'enc-bucket', EncodingType: 'url' }));
    expect(listed.Contents?.map((o) => decodeURIComponent(o.Key!))).toEqual(['a b+c/é']);
    const plainKeys = await sdkClient(gw.sim.url, key).send(new ListObjectsV2Command({ Bucket: 'enc-bucket' }));
    expect(plainKeys.Contents?.map((o) => o.Key)).toEqual(['a b+c/é']);
  });

  it('names the right region when a request is signed for another, as s3cmd expects', async () => {
    const { key } = await gw.createUser('region@example.com');
    const wrong = await call(gw.sim.url, 'GET', '/', key, { region: 'US' });
    expect(wrong.status).toBe(400);
    expect(errorCode(wrong)).toBe('AuthorizationHeaderMalformed');
    expect(wrong.text).toContain('<Region>us-east-1</Region>');
  });
});

describe('ListObjectsV2 by folder', () => {
  const listAll = async (Bucket: string, Prefix: string, MaxKeys: number) => {
    const seen: string[] = [];
    let ContinuationToken: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket, Prefix, Delimiter: '/', MaxKeys, ContinuationToken }));
      seen.push(...(page.CommonPrefixes ?? []).map((p) => `${p.Prefix}`), ...(page.Contents ?? []).map((o) => o.Key!));
      ContinuationToken = page.NextContinuationToken;
    } while (ContinuationToken);
    return seen.sort();
  };

  it('lists a folder marker as an entry of its own folder, not as a common prefix that hides the rest', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'folders-bucket' }));
    for (const Key of ['docs/', 'docs/a.txt', 'docs/b/', 'docs/b/c.txt', 'docs/d.txt', 'top.txt']) await s3.send(new PutObjectCommand({ Bucket: 'folders-bucket', Key, Body: 'x' }));
    expect(await listAll('folders-bucket', 'docs/', 1000)).toEqual(['docs/', 'docs/a.txt', 'docs/b/', 'docs/d.txt']);
    expect(await listAll('folders-bucket', 'docs/', 1)).toEqual(['docs/', 'docs/a.txt', 'docs/b/', 'docs/d.txt']);
    expect(await listAll('folders-bucket', '', 1)).toEqual(['docs/', 'top.txt']);
  });

  it('pages a large bucket by folder and prefix, each key once, resuming after common prefixes', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'large-bucket' }));
    await gw.testApi('POST', '/__sim/objects/bulk', { bucket: 'large-bucket', prefix: 'a/', count: 3000 });
    await gw.testApi('POST', '/__sim/objects/bulk', { bucket: 'large-bucket', prefix: 'b/deep/', count: 2000 });
    await gw.testApi('POST', '/__sim/objects/bulk', { bucket: 'large-bucket', count: 1500 });
    expect(await listAll('large-bucket', '', 1000)).toHaveLength(1502);
    const a = await listAll('large-bucket', 'a/', 1000);
    expect(a).toHaveLength(3000);
    expect(new Set(a).size).toBe(3000);
    expect(await listAll('large-bucket', 'b/', 7)).toEqual(['b/deep/']);
    expect(await listAll('large-bucket', 'a/object-12', 1000)).toHaveLength(100);
    // A put and a delete between pages are seen by the next page, as S3 would.
    const first = await s3.send(new ListObjectsV2Command({ Bucket: 'large-bucket', Prefix: 'a/', MaxKeys: 10 }));
    await s3.send(new DeleteObjectsCommand({ Bucket: 'large-bucket', Delete: { Objects: [{ Key: 'a/object-0010.txt' }] } }));
    await s3.send(new PutObjectCommand({ Bucket: 'large-bucket', Key: 'a/object-0010a.txt', Body: 'x' }));
    const next = await s3.send(new ListObjectsV2Command({ Bucket: 'large-bucket', Prefix: 'a/', MaxKeys: 2, ContinuationToken: first.NextContinuationToken }));
    expect(next.Contents?.map((o) => o.Key)).toEqual(['a/object-0010a.txt', 'a/object-0011.txt']);
  });
});

describe('multipart upload', () => {
  const MiB = 1024 * 1024;

  it('round-trips a 12 MiB object in 3 parts, with S3’s ETag, and counts the parts’ bytes as uploads', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'multi-bucket' }));
    const data = crypto.randomBytes(12 * MiB);
    const created = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'multi-bucket', Key: 'big/file.bin', ContentType: 'application/x-test', Metadata: { source: 'multipart' } }));
    const UploadId = created.UploadId!;
    const slices = [data.subarray(0, 5 * MiB), data.subarray(5 * MiB, 10 * MiB), data.subarray(10 * MiB)];
    const etags: string[] = [];
    // Sent out of order, as parallel clients do.
    for (const n of [2, 1, 3]) {
      const part = await s3.send(new UploadPartCommand({ Bucket: 'multi-bucket', Key: 'big/file.bin', UploadId, PartNumber: n, Body: slices[n - 1] }));
      etags[n - 1] = part.ETag!;
    }
    const listed = await s3.send(new ListPartsCommand({ Bucket: 'multi-bucket', Key: 'big/file.bin', UploadId }));
    expect(listed.Parts?.map((p) => [p.PartNumber, p.Size])).toEqual([
      [1, 5 * MiB],
      [2, 5 * MiB],
      [3, 2 * MiB],
    ]);
    const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: 'multi-bucket' }));
    expect(uploads.Uploads?.map((u) => [u.Key, u.UploadId])).toEqual([['big/file.bin', UploadId]]);

    const done = await s3.send(new CompleteMultipartUploadCommand({ Bucket: 'multi-bucket', Key: 'big/file.bin', UploadId, MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) } }));
    const md5s = Buffer.concat(slices.map((s) => crypto.createHash('md5').update(s).digest()));
    expect(done.ETag).toBe(`"${crypto.createHash('md5').update(md5s).digest('hex')}-3"`);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'multi-bucket', Key: 'big/file.bin' }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(data)).toBe(true);
    expect([got.ETag, got.ContentType, got.Metadata]).toEqual([done.ETag, 'application/x-test', { source: 'multipart' }]);
    expect((await s3.send(new ListMultipartUploadsCommand({ Bucket: 'multi-bucket' }))).Uploads ?? []).toEqual([]);
    expect(await sdkFailure(s3.send(new ListPartsCommand({ Bucket: 'multi-bucket', Key: 'big/file.bin', UploadId })))).toMatchObject({ name: 'NoSuchUpload', status: 404 });

    const truth = (await gw.testApi('GET', '/__sim/truth')).buckets.find((b: { bucket: string }) => b.bucket === 'multi-bucket');
    expect(truth.counters.net_io.uploaded).toBeGreaterThanOrEqual(12 * MiB);
  });

  it('refuses small parts, parts out of order, a wrong ETag and unknown uploads; an aborted upload is gone', async () => {
    const start = async () => (await s3.send(new CreateMultipartUploadCommand({ Bucket: 'multi-bucket', Key: 'small.bin' }))).UploadId!;
    const put = async (UploadId: string, PartNumber: number, size: number) => (await s3.send(new UploadPartCommand({ Bucket: 'multi-bucket', Key: 'small.bin', UploadId, PartNumber, Body: Buffer.alloc(size, PartNumber) }))).ETag!;
    const complete = (UploadId: string, Parts: { ETag: string; PartNumber: number }[]) => s3.send(new CompleteMultipartUploadCommand({ Bucket: 'multi-bucket', Key: 'small.bin', UploadId, MultipartUpload: { Parts } }));

    const small = await start();
    const a = await put(small, 1, MiB);
    const b = await put(small, 2, MiB);
    expect(await sdkFailure(complete(small, [{ ETag: a, PartNumber: 1 }, { ETag: b, PartNumber: 2 }]))).toMatchObject({ name: 'EntityTooSmall', status: 400 });
    expect(await sdkFailure(complete(small, [{ ETag: b, PartNumber: 2 }, { ETag: a, PartNumber: 1 }]))).toMatchObject({ name: 'InvalidPartOrder', status: 400 });
    expect(await sdkFailure(complete(small, [{ ETag: '"0000"', PartNumber: 1 }]))).toMatchObject({ name: 'InvalidPart', status: 400 });
    // A single part may be small: it is the last.
    await complete(small, [{ ETag: a, PartNumber: 1 }]);
    expect((await s3.send(new HeadObjectCommand({ Bucket: 'multi-bucket', Key: 'small.bin' }))).ContentLength).toBe(MiB);

    const aborted = await start();
    await put(aborted, 1, 10);
    await s3.send(new AbortMultipartUploadCommand({ Bucket: 'multi-bucket', Key: 'small.bin', UploadId: aborted }));
    expect(await sdkFailure(put(aborted, 2, 10))).toMatchObject({ name: 'NoSuchUpload', status: 404 });
    expect(await sdkFailure(s3.send(new AbortMultipartUploadCommand({ Bucket: 'multi-bucket', Key: 'small.bin', UploadId: 'no-such-upload' })))).toMatchObject({ name: 'NoSuchUpload', status: 404 });
  });
});
