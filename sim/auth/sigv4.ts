import crypto from 'node:crypto';
import { S3Error } from '../errors';
import type { SimRequest } from '../request';
import { awsEncode } from './encoding';

export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export interface V4Credential {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  scope: string;
}

export interface V4Parts {
  credential: V4Credential;
  signedHeaders: string[];
  signature: string;
  amzDate: string;
  payloadHash: string;
  presigned: boolean;
}

export const malformedAuth = (message: string) => new S3Error(400, 'AuthorizationHeaderMalformed', message);

export function parseCredential(text: string): V4Credential {
  const parts = text.split('/');
  if (parts.length !== 5 || parts[4] !== 'aws4_request') {
    throw malformedAuth(`The credential "${text}" is not <key>/<date>/<region>/s3/aws4_request`);
  }
  const [accessKeyId, date, region, service] = parts;
  return { accessKeyId, date, region, service, scope: `${date}/${region}/${service}/aws4_request` };
}

/** Reads the `Authorization: AWS4-HMAC-SHA256 …` header form. */
export function parseV4Header(req: SimRequest, authorization: string): V4Parts {
  const fields = new Map<string, string>();
  for (const piece of authorization.slice('AWS4-HMAC-SHA256'.length).split(',')) {
    const eq = piece.indexOf('=');
    if (eq > 0) fields.set(piece.slice(0, eq).trim(), piece.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!credential || !signedHeaders || !signature) {
    throw malformedAuth('The Authorization header needs Credential, SignedHeaders and Signature');
  }
  const amzDate = req.headerLists.get('x-amz-date')?.[0];
  if (!amzDate) throw new S3Error(403, 'AccessDenied', 'AWS authentication requires a valid x-amz-date header');
  return {
    credential: parseCredential(credential),
    signedHeaders: signedHeaders.split(';'),
    signature,
    amzDate,
    payloadHash: req.headerLists.get('x-amz-content-sha256')?.[0] ?? sha256Hex(req.body),
    presigned: false,
  };
}

/** Reads a presigned URL's `X-Amz-*` query parameters. */
export function parseV4Query(req: SimRequest): V4Parts {
  const q = new Map(req.query.map((p) => [p.name, p.value ?? '']));
  const credential = q.get('X-Amz-Credential');
  const signedHeaders = q.get('X-Amz-SignedHeaders');
  const signature = q.get('X-Amz-Signature');
  const amzDate = q.get('X-Amz-Date');
  if (!credential || !signedHeaders || !signature || !amzDate) {
    throw malformedAuth('A presigned URL needs X-Amz-Credential, X-Amz-SignedHeaders, X-Amz-Date and X-Amz-Signature');
  }
  return {
    credential: parseCredential(credential),
    signedHeaders: signedHeaders.split(';'),
    signature,
    amzDate,
    payloadHash: 'UNSIGNED-PAYLOAD',
    presigned: true,
  };
}

export function canonicalRequestV4(req: SimRequest, parts: V4Parts): string {
  const canonicalUri = awsEncode(req.path, true);
  const query = req.query
    .filter((p) => !(parts.presigned && p.name === 'X-Amz-Signature'))
    .map((p) => [awsEncode(p.name), awsEncode(p.value ?? '')] as const)
    .sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([n, v]) => `${n}=${v}`)
    .join('&');
  const headers = parts.signedHeaders
    .map((name) => {
      const values = req.headerLists.get(name);
      if (!values) throw new S3Error(403, 'SignatureDoesNotMatch', `The signed header "${name}" is missing`);
      return `${name}:${values.map((v) => v.trim().replace(/\s+/g, ' ')).join(',')}\n`;
    })
    .join('');
  return [req.method, canonicalUri, query, headers, parts.signedHeaders.join(';'), parts.payloadHash].join('\n');
}

export function signingKeyV4(secret: string, credential: V4Credential): Buffer {
  const kDate = hmac(`AWS4${secret}`, credential.date);
  const kRegion = hmac(kDate, credential.region);
  const kService = hmac(kRegion, credential.service);
  return hmac(kService, 'aws4_request');
}

export function stringToSignV4(amzDate: string, scope: string, canonicalRequest: string): string {
  return ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
}

export function hmac(key: string | Buffer, data: string): Buffer {
  return crypto.createHmac('sha256', key).update(data, 'utf8').digest();
}

export function sha256Hex(data: string | Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

/** `20261129T100000Z` → Unix milliseconds, or NaN. */
export function parseAmzDate(text: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return NaN;
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
}
