import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { headerLists, parseQuery, type SimRequest } from '../request';
import { canonicalResourceV2, signV2, stringsToSignV2 } from './sigv2';

/** The example secret of Amazon's S3 documentation ("Signing and authenticating REST requests"). */
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

function request(method: string, url: string, headers: [string, string][] = []): SimRequest {
  const cut = url.indexOf('?');
  const rawPath = cut < 0 ? url : url.slice(0, cut);
  const rawQuery = cut < 0 ? '' : url.slice(cut + 1);
  return { id: 'r', method, rawPath, path: decodeURIComponent(rawPath), rawQuery, query: parseQuery(rawQuery), headers: {}, headerLists: headerLists(headers.flat()), body: Buffer.alloc(0) };
}

describe('the simulator’s V2 string to sign', () => {
  it.each([
    ['Object GET', 'GET', '/johnsmith/photos/puppy.jpg', [['Date', 'Tue, 27 Mar 2007 19:36:42 +0000']], 'GET\n\n\nTue, 27 Mar 2007 19:36:42 +0000\n/johnsmith/photos/puppy.jpg', 'bWq2s1WEIj+Ydj0vQ697zp+IXMU='],
    ['List', 'GET', '/johnsmith/?prefix=photos&max-keys=50&marker=puppy', [['Date', 'Tue, 27 Mar 2007 19:42:41 +0000']], 'GET\n\n\nTue, 27 Mar 2007 19:42:41 +0000\n/johnsmith/', 'htDYFYduRNen8P9ZfE/s9SuKy0U='],
    ['Fetch (a sub-resource)', 'GET', '/johnsmith/?acl', [['Date', 'Tue, 27 Mar 2007 19:44:46 +0000']], 'GET\n\n\nTue, 27 Mar 2007 19:44:46 +0000\n/johnsmith/?acl', 'c2WLPFtWHVgbEmeEG93a4cG37dM='],
    ['Delete', 'DELETE', '/johnsmith/photos/puppy.jpg', [['Date', 'Tue, 27 Mar 2007 21:20:26 +0000']], 'DELETE\n\n\nTue, 27 Mar 2007 21:20:26 +0000\n/johnsmith/photos/puppy.jpg', 'lx3byBScXR6KzyMaifNkardMwNk='],
    [
      'Upload (several x-amz headers, one given twice, a folded value)',
      'PUT',
      '/static.johnsmith.net/db-backup.dat.gz',
      [
        ['Date', 'Tue, 27 Mar 2007 21:06:08 +0000'],
        ['x-amz-acl', 'public-read'],
        ['content-type', 'application/x-download'],
        ['Content-MD5', '4gJE4saaMU4BqNR0kLY+lw=='],
        ['X-Amz-Meta-ReviewedBy', 'joe@johnsmith.net'],
        ['X-Amz-Meta-ReviewedBy', 'jane@johnsmith.net'],
        ['X-Amz-Meta-FileChecksum', '0x02661779'],
        ['X-Amz-Meta-ChecksumAlgorithm', '  crc32  '],
      ],
      'PUT\n4gJE4saaMU4BqNR0kLY+lw==\napplication/x-download\nTue, 27 Mar 2007 21:06:08 +0000\nx-amz-acl:public-read\nx-amz-meta-checksumalgorithm:crc32\nx-amz-meta-filechecksum:0x02661779\nx-amz-meta-reviewedby:joe@johnsmith.net,jane@johnsmith.net\n/static.johnsmith.net/db-backup.dat.gz',
      'ilyl83RwaSoYIEdixDQcA4OnAnc=',
    ],
  ] as [string, string, string, [string, string][], string, string][])('Amazon’s documented example: %s', (_, method, url, headers, stringToSign, signature) => {
    const [first] = stringsToSignV2(request(method, url, headers));
    expect(first).toBe(stringToSign);
    expect(signV2(AWS_SECRET, first)).toBe(signature);
  });

  it('keeps only sub-resources, sorted, with their values; drops every other parameter', () => {
    expect(canonicalResourceV2(request('PUT', '/b/k?uploadId=abc&partNumber=2&x-id=PutObject'))).toBe('/b/k?partNumber=2&uploadId=abc');
    expect(canonicalResourceV2(request('GET', '/b/k?versionId=v1&response-content-type=text%2Fplain&foo=bar'))).toBe('/b/k?response-content-type=text/plain&versionId=v1');
    expect(canonicalResourceV2(request('POST', '/b/k?uploads'))).toBe('/b/k?uploads');
    expect(canonicalResourceV2(request('POST', '/b?delete'))).toBe('/b?delete');
    expect(canonicalResourceV2(request('GET', '/b?versioning&location&tagging&cors&policy&lifecycle&logging&website&notification&requestPayment&torrent&versions'))).toBe(
      '/b?cors&lifecycle&location&logging&notification&policy&requestPayment&tagging&torrent&versioning&versions&website',
    );
    expect(canonicalResourceV2(request('GET', '/b?response-cache-control=a&response-content-disposition=b&response-content-encoding=c&response-content-language=d&response-expires=e'))).toBe(
      '/b?response-cache-control=a&response-content-disposition=b&response-content-encoding=c&response-content-language=d&response-expires=e',
    );
    expect(canonicalResourceV2(request('GET', '/b?prefix=a&delimiter=%2F&max-keys=5&list-type=2'))).toBe('/b');
    expect(canonicalResourceV2(request('GET', '/b/a%20b?acl'))).toBe('/b/a%20b?acl');
  });

  it('signs an admin call as the vendor guide does: the path and the first query element only, as sent', () => {
    expect(canonicalResourceV2(request('GET', '/?ostor-users&emailAddress=a%40b.c&acl'))).toBe('/?ostor-users');
    expect(canonicalResourceV2(request('PUT', '/?ostor-limits&emailAddress=a%40b.c&limit-type=ops'))).toBe('/?ostor-limits');
    // A first element that is not an admin service is an S3 sub-resource list as usual.
    expect(canonicalResourceV2(request('GET', '/?acl&ostor-users'))).toBe('/?acl');
  });

  it('a client that sends x-amz-date may sign an empty Date line; both strings are accepted then, only the first otherwise', () => {
    const withAmzDate = stringsToSignV2(request('DELETE', '/johnsmith/photos/puppy.jpg', [['x-amz-date', 'Tue, 27 Mar 2007 21:20:26 +0000']]));
    expect(withAmzDate).toEqual(['DELETE\n\n\n\nx-amz-date:Tue, 27 Mar 2007 21:20:26 +0000\n/johnsmith/photos/puppy.jpg', 'DELETE\n\n\n\nx-amz-date:Tue, 27 Mar 2007 21:20:26 +0000\n/johnsmith/photos/puppy.jpg']);
    const both = stringsToSignV2(request('GET', '/b', [['date', 'D'], ['x-amz-date', 'X']]));
    expect(both).toEqual(['GET\n\n\nD\nx-amz-date:X\n/b', 'GET\n\n\n\nx-amz-date:X\n/b']);
    expect(stringsToSignV2(request('GET', '/b', [['date', 'D']]))).toEqual(['GET\n\n\nD\n/b']);
    // Runs of white space inside a value are folded to one space.
    expect(stringsToSignV2(request('GET', '/b', [['date', 'D'], ['x-amz-meta-note', 'a  \t b']]))).toEqual(['GET\n\n\nD\nx-amz-meta-note:a b\n/b']);
    // Header names other than x-amz-* are never signed.
    expect(stringsToSignV2(request('GET', '/b', [['date', 'D'], ['x-custom', 'v'], ['amz-x', 'v']]))).toEqual(['GET\n\n\nD\n/b']);
  });

  it('signs with HMAC-SHA1 of the UTF-8 string, base64', () => {
    const text = 'GET\n\n\nD\n/bücket';
    expect(signV2('s', text)).toBe(crypto.createHmac('sha1', 's').update(Buffer.from(text, 'utf8')).digest('base64'));
  });
});
