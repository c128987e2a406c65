import { Readable } from 'node:stream';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { errorCode } from '../testing/client';
import { testGateway } from '../testing/harness';
import { sdkClient, sdkFailure } from '../testing/sdk';

const gw = testGateway();


describe('the AWS SDK v3 against the simulator', () => {
  it('creates a bucket, uploads, lists, downloads and deletes, as a user made through ostor-users', async () => {
    const { key, id } = await gw.createUser('sdk@example.com');
    const s3 = sdkClient(gw.sim.url, key);
    await s3.send(new CreateBucketCommand({ Bucket: 'sdk-bucket' }));
    await s3.send(new HeadBucketCommand({ Bucket: 'sdk-bucket' }));
    const buckets = await s3.send(new ListBucketsCommand({}));
    expect(buckets.Buckets?.map((b) => b.Name)).toEqual(['sdk-bucket']);
    expect(buckets.Owner?.ID).toBe(id);

    const body = Buffer.from('hello, storage\n'.repeat(1000));
    const put = await s3.send(new PutObjectCommand({ Bucket: 'sdk-bucket', Key: 'docs/hello.txt', Body: body, ContentType: 'text/plain' }));
    expect(put.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    await s3.send(new PutObjectCommand({ Bucket: 'sdk-bucket', Key: 'top.bin', Body: Buffer.alloc(10, 7) }));

    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'sdk-bucket' }));
    expect(listed.Contents?.map((o) => [o.Key, o.Size])).toEqual([['docs/hello.txt', body.length], ['top.bin', 10]]);
    const grouped = await s3.send(new ListObjectsV2Command({ Bucket: 'sdk-bucket', Delimiter: '/' }));
    expect(grouped.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['docs/']);
    expect(grouped.Contents?.map((o) => o.Key)).toEqual(['top.bin']);

    const got = await s3.send(new GetObjectCommand({ Bucket: 'sdk-bucket', Key: 'docs/hello.txt' }));
    expect(got.ContentType).toBe('text/plain');
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(body)).toBe(true);
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'sdk-bucket', Key: 'docs/hello.txt' }));
    expect(head.ContentLength).toBe(body.length);
    expect(head.ETag).toBe(put.ETag);

    const ranged = await s3.send(new GetObjectCommand({ Bucket: 'sdk-bucket', Key: 'docs/hello.txt', Range: 'bytes=7-13' }));
    expect(await ranged.Body!.transformToString()).toBe('storage');
    expect(ranged.ContentRange).toBe(`bytes 7-13/${body.length}`);
    const tail = await s3.send(new GetObjectCommand({ Bucket: 'sdk-bucket', Key: 'docs/hello.txt', Range: 'bytes=-6' }));
    expect(await tail.Body!.transformToString()).toBe('rage\n'.padStart(6, 'o'));

    expect(await sdkFailure(s3.send(new DeleteBucketCommand({ Bucket: 'sdk-bucket' })))).toMatchObject({ name: 'BucketNotEmpty', status: 409 });
    await s3.send(new DeleteObjectCommand({ Bucket: 'sdk-bucket', Key: 'docs/hello.txt' }));
    await s3.send(new DeleteObjectCommand({ Bucket: 'sdk-bucket', Key: 'top.bin' }));
    await s3.send(new DeleteBucketCommand({ Bucket: 'sdk-bucket' }));
    expect((await s3.send(new ListBucketsCommand({}))).Buckets ?? []).toEqual([]);
  });

  it('takes a streamed upload (aws-chunked with a trailing checksum) and a signed-chunk upload', async () => {
    const { key } = await gw.createUser('stream@example.com');
    const s3 = sdkClient(gw.sim.url, key);
    await s3.send(new CreateBucketCommand({ Bucket: 'stream-bucket' }));
    const data = Buffer.alloc(200_000, 'z');
    const stream = Readable.from([data.subarray(0, 70_000), data.subarray(70_000)]);
    await s3.send(new PutObjectCommand({ Bucket: 'stream-bucket', Key: 'streamed', Body: stream, ContentLength: data.length }));
    const got = await s3.send(new GetObjectCommand({ Bucket: 'stream-bucket', Key: 'streamed' }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(data)).toBe(true);

    // A hand-made STREAMING-AWS4-HMAC-SHA256-PAYLOAD body with a broken chunk signature is refused.
    const url = `/stream-bucket/forged`;
    const forged = '5;chunk-signature=' + '0'.repeat(64) + '\r\nhello\r\n0;chunk-signature=' + '0'.repeat(64) + '\r\n\r\n';
    const result = await gw.as(key, 'PUT', url, {
      body: forged,
      headers: { 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'x-amz-decoded-content-length': '5', 'content-encoding': 'aws-chunked' },
    });
    expect(result.status).toBe(403);
    expect(errorCode(result)).toBe('SignatureDoesNotMatch');
  });

  it('pages ListObjectsV2 with continuation tokens', async () => {
    const { key } = await gw.createUser('paging@example.com');
    const s3 = sdkClient(gw.sim.url, key);
    await s3.send(new CreateBucketCommand({ Bucket: 'paging-bucket' }));
    for (let i = 0; i < 7; i++) await s3.send(new PutObjectCommand({ Bucket: 'paging-bucket', Key: `k${i}`, Body: 'x' }));
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: 'paging-bucket', MaxKeys: 3, ContinuationToken: token }));
      seen.push(...(page.Contents ?? []).map((o) => o.Key!));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    expect(seen).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6']);
  });

  it('keeps other users out of a bucket, and reports missing buckets, keys and bad ranges', async () => {
    const owner = await gw.createUser('owner@example.com');
    const other = await gw.createUser('other@example.com');
    const mine = sdkClient(gw.sim.url, owner.key);
    const theirs = sdkClient(gw.sim.url, other.key);
    await mine.send(new CreateBucketCommand({ Bucket: 'private-bucket' }));
    await mine.send(new PutObjectCommand({ Bucket: 'private-bucket', Key: 'secret', Body: 'mine' }));
    expect(await sdkFailure(theirs.send(new GetObjectCommand({ Bucket: 'private-bucket', Key: 'secret' })))).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(await sdkFailure(theirs.send(new PutObjectCommand({ Bucket: 'private-bucket', Key: 'x', Body: 'y' })))).toMatchObject({ status: 403 });
    expect(await sdkFailure(theirs.send(new DeleteBucketCommand({ Bucket: 'private-bucket' })))).toMatchObject({ status: 403 });
    expect(await sdkFailure(theirs.send(new CreateBucketCommand({ Bucket: 'private-bucket' })))).toMatchObject({ name: 'BucketAlreadyExists', status: 409 });
    expect(await sdkFailure(mine.send(new GetObjectCommand({ Bucket: 'private-bucket', Key: 'nothing' })))).toMatchObject({ name: 'NoSuchKey', status: 404 });
    expect(await sdkFailure(mine.send(new GetObjectCommand({ Bucket: 'nowhere-bucket', Key: 'x' })))).toMatchObject({ name: 'NoSuchBucket', status: 404 });
    expect(await sdkFailure(mine.send(new GetObjectCommand({ Bucket: 'private-bucket', Key: 'secret', Range: 'bytes=10-20' })))).toMatchObject({ name: 'InvalidRange', status: 416 });
    expect(await sdkFailure(mine.send(new CreateBucketCommand({ Bucket: 'Bad_Name' })))).toMatchObject({ name: 'InvalidBucketName', status: 400 });
  });

  it('lets the system user delete any empty bucket with a plain DELETE, as the vendor guide does', async () => {
    const { key } = await gw.createUser('sysdelete@example.com');
    await gw.as(key, 'PUT', '/doomed-bucket');
    for (const style of ['v2-bash', 'v2-php'] as const) {
      const result = await gw.as(gw.sim.systemKey, 'DELETE', '/doomed-bucket', { style });
      expect(result.status).toBe(style === 'v2-bash' ? 204 : 404);
    }
  });
});
