import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Sha256 } from '@aws-crypto/sha256-js';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { call, errorCode, rawRequest, rfc2822 } from '../testing/client';
import { testGateway } from '../testing/harness';
import { sdkClient } from '../testing/sdk';

const run = promisify(execFile);
const gw = testGateway();
const here = import.meta.dirname;

describe('the payload a V4 signature covers', () => {
  it('refuses a body that does not match its signed x-amz-content-sha256, and stores nothing', async () => {
    const { key } = await gw.createUser('payload@example.com');
    expect((await call(gw.sim.url, 'PUT', '/payload-bucket', key)).status).toBe(200);
    const signer = new SignatureV4({ credentials: { accessKeyId: key.id, secretAccessKey: key.secret }, region: 'us-east-1', service: 's3', sha256: Sha256, uriEscapePath: false, applyChecksum: true });
    const url = new URL(`${gw.sim.url}/payload-bucket/object`);
    const signed = await signer.sign({ method: 'PUT', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: url.pathname, query: {}, headers: { host: url.host }, body: 'what was signed' });
    const sent = await fetch(url, { method: 'PUT', headers: signed.headers as Record<string, string>, body: 'something else' });
    expect(sent.status).toBe(400);
    expect(await sent.text()).toContain('<Code>XAmzContentSHA256Mismatch</Code>');
    expect((await call(gw.sim.url, 'GET', '/payload-bucket/object', key)).status).toBe(404);
    const honest = await fetch(url, { method: 'PUT', headers: signed.headers as Record<string, string>, body: 'what was signed' });
    expect(honest.status).toBe(200);
  });
});

describe('signatures the gateway accepts', () => {
  it('V2 as the vendor guide’s bash s3_curl signs it, run by bash, openssl and curl', async () => {
    const script = `source ${path.join(here, '../testing/s3_environment.sh')}; s3_key="${gw.sim.systemKey.id}"; s3_secret="${gw.sim.systemKey.secret}";
      s3_curl PUT "${gw.sim.url}/?ostor-users&emailAddress=bash@example.com" > /dev/null
      s3_curl GET "${gw.sim.url}/?ostor-users&emailAddress=bash@example.com"`;
    const { stdout } = await run('bash', ['-c', script]);
    const user = JSON.parse(stdout);
    expect(user.UserEmail).toBe('bash@example.com');
    expect(user.State).toBe('enabled');
  });

  it('V2 as the vendor guide’s PHP S3_requestCurl signs it', async () => {
    const q = 'ostor-users&emailAddress=php%40example.com';
    expect((await call(gw.sim.url, 'PUT', `/?${q}`, gw.sim.systemKey, { style: 'v2-php' })).status).toBe(200);
    const got = await call(gw.sim.url, 'GET', `/?${q}`, gw.sim.systemKey, { style: 'v2-php' });
    expect(got.status).toBe(200);
    expect(JSON.parse(got.text).UserEmail).toBe('php@example.com');
  });

  // PHP is installed by the test command (scripts/test.sh): a machine without it fails here, in words.
  it('V2 from the vendor guide’s PHP code itself, run by php-cli', async () => {
    expect(existsSync('/usr/bin/php'), 'php-cli is missing: run the tests with `npm test`, which installs it').toBe(true);
    const args = [path.join(here, '../testing/S3_requestCurl.php'), gw.sim.systemKey.id, gw.sim.systemKey.secret, gw.sim.url];
    await run('php', [...args, '/?ostor-users&emailAddress=realphp@example.com', 'PUT']);
    const { stdout } = await run('php', [...args, '/?ostor-users&emailAddress=realphp@example.com', 'GET']);
    expect(JSON.parse(stdout).UserEmail).toBe('realphp@example.com');
  });

  it('V2 for a plain S3 request signs the path as its canonical resource', async () => {
    const { key } = await gw.createUser('v2plain@example.com');
    expect((await call(gw.sim.url, 'PUT', '/v2-plain-bucket', key, { style: 'v2-php' })).status).toBe(200);
    expect((await call(gw.sim.url, 'DELETE', '/v2-plain-bucket', key, { style: 'v2-bash' })).status).toBe(204);
  });

  it('V2 with x-amz-date and an empty Date line, as many S3 tools sign', async () => {
    const { key } = await gw.createUser('amzdate@example.com');
    const date = rfc2822(new Date());
    const sig = crypto.createHmac('sha1', key.secret).update(`GET\n\n\n\nx-amz-date:${date}\n/`).digest('base64');
    const result = await rawRequest('GET', `${gw.sim.url}/`, { 'x-amz-date': date, authorization: `AWS ${key.id}:${sig}` });
    expect(result.status).toBe(200);
  });

  it('V4 in the Authorization header (the default for admin calls here)', async () => {
    const result = await gw.admin('GET', 'ostor-users', { style: 'v4' });
    expect(result.status).toBe(200);
  });

  it('V4 presigned GET URLs from the AWS SDK, and refuses them once expired', async () => {
    const { key } = await gw.createUser('presign@example.com');
    const client = sdkClient(gw.sim.url, key);
    await client.send(new CreateBucketCommand({ Bucket: 'presign-bucket' }));
    await client.send(new PutObjectCommand({ Bucket: 'presign-bucket', Key: 'a b/ü.txt', Body: 'presigned body' }));
    const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: 'presign-bucket', Key: 'a b/ü.txt' }), { expiresIn: 60 });
    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('presigned body');
    const old = await getSignedUrl(client, new GetObjectCommand({ Bucket: 'presign-bucket', Key: 'a b/ü.txt' }), {
      expiresIn: 60,
      signingDate: new Date(Date.now() - 120_000),
    });
    const expired = await fetch(old);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toMatch(/expired/);
    const tampered = await fetch(url.replace('presign-bucket/a', 'presign-bucket/b'));
    expect(tampered.status).toBe(403);
  });
});

describe('signatures the gateway refuses', () => {
  it('a wrong signature, V2 and V4', async () => {
    const wrong = { id: gw.sim.systemKey.id, secret: 'x'.repeat(40) };
    for (const style of ['v2-bash', 'v2-php', 'v4'] as const) {
      const result = await call(gw.sim.url, 'GET', '/?ostor-users', wrong, { style });
      expect(result.status).toBe(403);
      expect(errorCode(result)).toBe('SignatureDoesNotMatch');
      expect(result.headers['x-amz-err-message']).toMatch(/signature/);
    }
  });

  it('a V4 request whose query was changed after signing', async () => {
    const signed = await gw.admin('GET', 'ostor-users&emailAddress=a%40example.com', { style: 'v4' });
    expect(signed.status).toBe(404);
    const { id, secret } = gw.sim.systemKey;
    const url = new URL(gw.sim.url);
    const request = await new SignatureV4({ credentials: { accessKeyId: id, secretAccessKey: secret }, region: 'us-east-1', service: 's3', sha256: Sha256 }).sign({
      method: 'GET', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/',
      query: { 'ostor-users': '', emailAddress: 'a@example.com' }, headers: { host: url.host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    });
    const result = await rawRequest('GET', `${gw.sim.url}/?ostor-users&emailAddress=b%40example.com`, request.headers as Record<string, string>);
    expect(errorCode(result)).toBe('SignatureDoesNotMatch');
  });

  it('an unknown access key', async () => {
    const result = await call(gw.sim.url, 'GET', '/?ostor-users', { id: 'ffffffffffffffffXXXX', secret: 'y'.repeat(40) });
    expect(result.status).toBe(403);
    expect(errorCode(result)).toBe('InvalidAccessKeyId');
  });

  it('a revoked key and a disabled user', async () => {
    const { key } = await gw.createUser('refused@example.com');
    await gw.admin('POST', 'ostor-users&emailAddress=refused%40example.com&genKey');
    await gw.admin('POST', 'ostor-users&emailAddress=refused%40example.com&disable');
    const disabled = await gw.as(key, 'GET', '/');
    expect(disabled.status).toBe(403);
    expect(errorCode(disabled)).toBe('AccessDenied');
    await gw.admin('POST', 'ostor-users&emailAddress=refused%40example.com&enable');
    await gw.admin('POST', `ostor-users&emailAddress=refused%40example.com&revokeKey=${key.id}`);
    expect(errorCode(await gw.as(key, 'GET', '/'))).toBe('InvalidAccessKeyId');
  });

  it('a date more than 15 minutes off, either way, V2 and V4', async () => {
    for (const offset of [16 * 60_000, -16 * 60_000]) {
      for (const style of ['v2-bash', 'v2-php', 'v4'] as const) {
        const result = await call(gw.sim.url, 'GET', '/?ostor-users', gw.sim.systemKey, { style, clockOffsetMs: offset });
        expect(result.status).toBe(403);
        expect(errorCode(result)).toBe('RequestTimeTooSkewed');
      }
    }
    const near = await call(gw.sim.url, 'GET', '/?ostor-users', gw.sim.systemKey, { style: 'v4', clockOffsetMs: 10 * 60_000 });
    expect(near.status).toBe(200);
  });

  it('an unsigned request, and a V4 signature for another region', async () => {
    expect(errorCode(await call(gw.sim.url, 'GET', '/?ostor-users', null))).toBe('AccessDenied');
    const result = await call(gw.sim.url, 'GET', '/?ostor-users', gw.sim.systemKey, { region: 'eu-west-9' });
    expect(result.status).toBe(400);
    expect(errorCode(result)).toBe('AuthorizationHeaderMalformed');
  });

  it('an admin call correctly signed by a normal user', async () => {
    const { key } = await gw.createUser('normal@example.com');
    for (const style of ['v2-bash', 'v4'] as const) {
      const result = await call(gw.sim.url, 'GET', '/?ostor-users', key, { style });
      expect(result.status).toBe(403);
      expect(errorCode(result)).toBe('AccessDenied');
    }
  });
});
