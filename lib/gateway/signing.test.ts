import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { rfc2822Date, signatureV2, stringToSignV2 } from './sign-v2';
import { keptKeys, signV4 } from './sign-v4';

describe('signing', () => {
  it('SigV4: the AWS test suite’s get-vanilla case gives its published signature', async () => {
    const headers = await signV4({
      method: 'GET',
      url: new URL('https://example.amazonaws.com/'),
      query: [],
      body: '',
      accessKeyId: 'AKIDEXAMPLE',
      secret: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      region: 'us-east-1',
      service: 'service',
      payloadHashHeader: false,
      now: new Date('2015-08-30T12:36:00Z'),
    });
    expect(headers['x-amz-date']).toBe('20150830T123600Z');
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    );
  });

  it('SigV4: a signing key kept for a key pair signs another day, another secret for the same key id and many other keys as AWS’s signer would', async () => {
    const vanilla = { method: 'GET', url: new URL('https://example.amazonaws.com/'), query: [] as [string, string][], body: '', accessKeyId: 'AKIDEXAMPLE', region: 'us-east-1', service: 'service', payloadHashHeader: false, keepKey: true };
    const published = 'Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31';
    const secret = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
    /** What AWS's signer, made for this request alone, gives. */
    const fresh = async (input: typeof vanilla & { secret: string; now: Date }) => {
      const signer = new SignatureV4({ credentials: { accessKeyId: input.accessKeyId, secretAccessKey: input.secret }, region: input.region, service: input.service, applyChecksum: false, sha256: Sha256, uriEscapePath: false });
      const request = new HttpRequest({ method: 'GET', protocol: 'https:', hostname: input.url.hostname, path: '/', query: {}, headers: { host: input.url.host } });
      return ((await signer.sign(request, { signingDate: input.now })).headers as Record<string, string>).authorization;
    };
    const nextDay = { ...vanilla, secret, now: new Date('2015-08-31T00:00:01Z') };
    expect((await signV4(nextDay)).authorization).toBe(await fresh(nextDay));
    expect((await signV4({ ...vanilla, secret, now: new Date('2015-08-30T12:36:00Z') })).authorization).toContain(published);
    // The key id's secret changed: the new one signs, never the one kept.
    const changed = { ...vanilla, secret: 'another secret entirely', now: new Date('2015-08-30T12:36:00Z') };
    const withChanged = (await signV4(changed)).authorization;
    expect(withChanged).toBe(await fresh(changed));
    expect(withChanged).not.toContain(published);
    // Many other keys come and go; the first is signed as before.
    for (let i = 0; i < 40; i++) await signV4({ ...vanilla, accessKeyId: `AKID${i}`, secret: `secret ${i}`, now: new Date('2015-08-30T12:36:00Z') });
    expect((await signV4({ ...vanilla, secret, now: new Date('2015-08-30T12:36:00Z') })).authorization).toContain(published);
    expect((await signV4(changed)).authorization).toBe(withChanged);
    expect(keptKeys()).toHaveLength(8);
    expect(keptKeys()).toContain('AKIDEXAMPLE');
  });

  it('SigV4: a signing key not to be kept (a customer’s, at sign-in) is not', async () => {
    const input = { method: 'GET', url: new URL('http://127.0.0.1:9000/'), query: [] as [string, string][], body: '', accessKeyId: 'CUSTOMERKEY', secret: 'customer secret', region: 'us-east-1' };
    const first = await signV4({ ...input, now: new Date('2026-01-01T00:00:00Z') });
    expect(keptKeys()).not.toContain('CUSTOMERKEY');
    expect(first.authorization).toContain('Credential=CUSTOMERKEY/20260101/us-east-1/s3/aws4_request');
  });

  it('SigV2: the S3 documentation’s Object GET example gives its published signature', () => {
    const input = { method: 'GET', date: 'Tue, 27 Mar 2007 19:36:42 +0000', resource: '/johnsmith/photos/puppy.jpg' };
    expect(stringToSignV2(input)).toBe('GET\n\n\nTue, 27 Mar 2007 19:36:42 +0000\n/johnsmith/photos/puppy.jpg');
    expect(signatureV2('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', input)).toBe('bWq2s1WEIj+Ydj0vQ697zp+IXMU=');
  });

  it('SigV2: the S3 documentation’s Object PUT example, with a content type', () => {
    const input = { method: 'PUT', contentType: 'image/jpeg', date: 'Tue, 27 Mar 2007 21:15:45 +0000', resource: '/johnsmith/photos/puppy.jpg' };
    expect(signatureV2('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', input)).toBe('MyyxeRY7whkBe+bq8fHCL/2kKUg=');
  });

  it('SigV2: signs an admin call as the vendor guide does, with amz headers in order', () => {
    expect(stringToSignV2({ method: 'GET', date: 'D', resource: '/?ostor-users', amzHeaders: { 'X-Amz-Meta-B': ' 2 ', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } })).toBe(
      'GET\n\n\nD\nx-amz-content-sha256:UNSIGNED-PAYLOAD\nx-amz-meta-b:2\n/?ostor-users',
    );
  });

  it('SigV2: the S3 documentation’s Upload example, with several x-amz headers given in any order and case', () => {
    const input = {
      method: 'PUT',
      contentMd5: '4gJE4saaMU4BqNR0kLY+lw==',
      contentType: 'application/x-download',
      date: 'Tue, 27 Mar 2007 21:06:08 +0000',
      resource: '/static.johnsmith.net/db-backup.dat.gz',
      amzHeaders: { 'X-Amz-Meta-ReviewedBy': 'joe@johnsmith.net,jane@johnsmith.net', 'x-amz-acl': 'public-read', 'X-Amz-Meta-FileChecksum': '0x02661779', 'X-Amz-Meta-ChecksumAlgorithm': ' crc32 ' },
    };
    expect(stringToSignV2(input)).toBe(
      'PUT\n4gJE4saaMU4BqNR0kLY+lw==\napplication/x-download\nTue, 27 Mar 2007 21:06:08 +0000\nx-amz-acl:public-read\nx-amz-meta-checksumalgorithm:crc32\nx-amz-meta-filechecksum:0x02661779\nx-amz-meta-reviewedby:joe@johnsmith.net,jane@johnsmith.net\n/static.johnsmith.net/db-backup.dat.gz',
    );
    expect(signatureV2('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', input)).toBe('ilyl83RwaSoYIEdixDQcA4OnAnc=');
  });

  it('SigV2: dates as `date -R` and PHP’s DATE_RFC2822 print them', () => {
    expect(rfc2822Date(new Date('2026-11-29T10:00:00Z'))).toBe('Sun, 29 Nov 2026 10:00:00 +0000');
    expect(rfc2822Date(new Date('2007-03-27T09:06:08Z'))).toBe('Tue, 27 Mar 2007 09:06:08 +0000');
  });

  it('SigV4: S3’s payload hash is sent and signed; the path is encoded once, as S3 wants', async () => {
    const headers = await signV4({
      method: 'PUT',
      url: new URL('http://127.0.0.1:9000/bucket/a%20b+c'),
      query: [],
      body: 'hello',
      accessKeyId: 'AKIDEXAMPLE',
      secret: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      region: 'us-east-1',
      now: new Date('2015-08-30T12:36:00Z'),
    });
    expect(headers['x-amz-content-sha256']).toBe('2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824');
    expect(headers.authorization).toMatch(/SignedHeaders=host;x-amz-content-sha256;x-amz-date,/);
    expect(headers.host).toBe('127.0.0.1:9000');
  });

  it('SigV4: the same headers as AWS’s own signer, over methods, paths, parameters, bodies, days, regions and keys', async () => {
    /** What AWS's signer gives for the same request (its own JavaScript hash, not node:crypto). */
    const theirs = async (input: Parameters<typeof signV4>[0]) => {
      // A name given more than once is a list of values to AWS's signer.
      const query: Record<string, string | string[]> = {};
      for (const [k, v] of input.query) {
        const known = query[k];
        query[k] = known === undefined ? v : [...(Array.isArray(known) ? known : [known]), v];
      }
      const signer = new SignatureV4({
        credentials: { accessKeyId: input.accessKeyId, secretAccessKey: input.secret },
        region: input.region,
        service: input.service ?? 's3',
        applyChecksum: input.payloadHashHeader !== false,
        sha256: Sha256,
        uriEscapePath: false,
      });
      const request = new HttpRequest({
        method: input.method,
        protocol: input.url.protocol,
        hostname: input.url.hostname,
        port: input.url.port ? Number(input.url.port) : undefined,
        path: input.url.pathname,
        query,
        headers: { host: input.url.host },
        body: input.body || undefined,
      });
      return (await signer.sign(request, { signingDate: input.now })).headers as Record<string, string>;
    };
    const base = { method: 'GET', url: new URL('http://127.0.0.1:9000/'), query: [] as [string, string][], body: '', accessKeyId: 'AKIDEXAMPLE', secret: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', region: 'us-east-1', now: new Date('2026-11-29T23:59:59.999Z') };
    const requests = [
      base,
      { ...base, query: [['ostor-users', ''], ['emailAddress', 'a+b&c=d e@example.com']] as [string, string][] },
      { ...base, method: 'POST', query: [['ostor-users', ''], ['emailAddress', 'ü@example.com'], ['disable', '']] as [string, string][] },
      { ...base, method: 'DELETE', query: [['ostor-usage', ''], ['obj', 's3-usage-8000000000000099-2026-01-01T00:00:00.000Z-60']] as [string, string][] },
      { ...base, query: [['b', '2'], ['a', '1'], ['A', '0'], ['a b', "!'()*~-_."], ['a', 'last']] as [string, string][] },
      { ...base, query: [['limit', '1000'], ['after', 's3-usage-8000000000000099-2026-01-01T00:00:00.000Z-60']] as [string, string][] },
      { ...base, method: 'PUT', url: new URL('http://127.0.0.1:9000/bucket/a%20b+c%C3%BC/%F0%9F%98%80.txt'), body: 'hello ✓\n' },
      { ...base, method: 'PUT', url: new URL('https://gateway.example.com/photos'), body: '<CreateBucketConfiguration/>', region: 'eu-west-3' },
      { ...base, url: new URL('https://gateway.example.com:8443/photos/'), query: [['list-type', '2'], ['prefix', 'a/b c/'], ['continuation-token', 'x/y+z==']] as [string, string][] },
      { ...base, accessKeyId: 'CUSTOMERKEY', secret: 'another secret', now: new Date('2027-01-01T00:00:00Z'), payloadHashHeader: false },
      { ...base, service: 'service', payloadHashHeader: false, url: new URL('https://example.amazonaws.com/'), now: new Date('2015-08-30T12:36:00Z') },
    ];
    for (const request of requests) {
      for (const keepKey of [true, false]) {
        expect(await signV4({ ...request, keepKey }), JSON.stringify({ ...request, url: request.url.href })).toEqual(await theirs(request));
      }
    }
  });
});
