import { describe, expect, it } from 'vitest';
import { signatureV2, stringToSignV2 } from './sign-v2';
import { signV4 } from './sign-v4';

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

  it('SigV2: the S3 documentation’s Object GET example gives its published signature', () => {
    const input = { method: 'GET', date: 'Tue, 27 Mar 2007 19:36:42 +0000', resource: '/johnsmith/photos/puppy.jpg' };
    expect(stringToSignV2(input)).toBe('GET\n\n\nTue, 27 Mar 2007 19:36:42 +0000\n/johnsmith/photos/puppy.jpg');
    expect(signatureV2('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', input)).toBe('bWq2s1WEIj+Ydj0vQ697zp+IXMU=');
  });

  it('SigV2: the S3 documentation’s Object PUT example, with a content type', () => {
    const input = { method: 'PUT', contentType: 'image/jpeg', date: 'Tue, 27 Mar 2007 21:15:45 +0000', resource: '/johnsmith/photos/puppy.jpg' };
    expect(signatureV2('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', input)).toBe('MyyxeRY7whkBe+bq8fHCL/2kKUg=');
  });

  it('SigV2: signs an admin call as the guide does, with amz headers in order', () => {
    expect(stringToSignV2({ method: 'GET', date: 'D', resource: '/?ostor-users', amzHeaders: { 'X-Amz-Meta-B': ' 2 ', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } })).toBe(
      'GET\n\n\nD\nx-amz-content-sha256:UNSIGNED-PAYLOAD\nx-amz-meta-b:2\n/?ostor-users',
    );
  });
});
