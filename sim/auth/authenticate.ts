import crypto from 'node:crypto';
import { accessDenied, S3Error } from '../errors';
import { header, type SimRequest } from '../request';
import type { KeyRecord, UserRecord } from '../store/records';
import type { Store } from '../store/store';
import { decodeAwsChunked } from './chunked';
import { signV2, stringsToSignV2 } from './sigv2';
import {
  canonicalRequestV4,
  parseAmzDate,
  parseV4Header,
  parseV4Query,
  sha256Hex,
  signingKeyV4,
  stringToSignV4,
  type V4Parts,
} from './sigv4';

export interface Principal {
  user: UserRecord;
  key: KeyRecord;
  system: boolean;
}

export interface AuthOptions {
  region: string;
  /** Largest allowed distance between the request's date and the simulator's clock. */
  maxSkewMs: number;
  now: () => number;
  /** How far ahead presigned URLs are judged (the test API moves it to see a link expire); 0 normally. */
  presignedAheadMs?: number;
}

const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;

const signatureMismatch = () =>
  new S3Error(
    403,
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
  );

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

function lookUpKey(store: Store, accessKeyId: string): { key: KeyRecord; user: UserRecord } {
  const key = store.get('keys', accessKeyId);
  const user = key && store.get('users', key.userId);
  if (!key || !user) {
    throw new S3Error(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
  }
  return { key, user };
}

function checkSkew(dateMs: number, options: AuthOptions): void {
  if (Number.isNaN(dateMs)) throw accessDenied('The request has no valid Date or x-amz-date header');
  if (Math.abs(options.now() - dateMs) > options.maxSkewMs) {
    throw new S3Error(
      403,
      'RequestTimeTooSkewed',
      'The difference between the request time and the current time is too large.',
    );
  }
}

function verifyV2(req: SimRequest, authorization: string, store: Store, options: AuthOptions) {
  const m = /^AWS ([^:\s]+):(\S+)$/.exec(authorization.trim());
  if (!m) throw new S3Error(400, 'InvalidArgument', 'The V2 Authorization header must read "AWS <key>:<signature>"');
  const found = lookUpKey(store, m[1]);
  const matches = stringsToSignV2(req).some((s) => sameText(signV2(found.key.secret, s), m[2]));
  if (!matches) throw signatureMismatch();
  const amzDate = req.headerLists.get('x-amz-date')?.[0];
  const date = amzDate ?? header(req, 'date') ?? '';
  checkSkew(/^\d{8}T\d{6}Z$/.test(date) ? parseAmzDate(date) : Date.parse(date), options);
  return found;
}

function verifyV4(req: SimRequest, parts: V4Parts, store: Store, options: AuthOptions) {
  const { credential } = parts;
  if (credential.service !== 's3') throw new S3Error(400, 'AuthorizationHeaderMalformed', 'The service must be "s3"');
  if (credential.region !== options.region) {
    throw new S3Error(
      400,
      'AuthorizationHeaderMalformed',
      `The authorization header is malformed; the region '${credential.region}' is wrong; expecting '${options.region}'`,
      // Clients such as s3cmd read the right region from here and sign again with it.
      { Region: options.region },
    );
  }
  if (!parts.amzDate.startsWith(credential.date)) {
    throw new S3Error(400, 'AuthorizationHeaderMalformed', 'The credential date does not match x-amz-date');
  }
  const found = lookUpKey(store, credential.accessKeyId);
  const signingKey = signingKeyV4(found.key.secret, credential);
  const stringToSign = stringToSignV4(parts.amzDate, credential.scope, canonicalRequestV4(req, parts));
  const expected = crypto.createHmac('sha256', signingKey).update(stringToSign).digest('hex');
  if (!sameText(expected, parts.signature)) throw signatureMismatch();
  const dateMs = parseAmzDate(parts.amzDate);
  if (parts.presigned) {
    const expires = Number(req.query.find((p) => p.name === 'X-Amz-Expires')?.value ?? NaN);
    if (!Number.isInteger(expires) || expires < 1 || expires > MAX_PRESIGN_SECONDS) {
      throw new S3Error(400, 'AuthorizationQueryParametersError', 'X-Amz-Expires must be 1 to 604800 seconds');
    }
    if (dateMs - options.maxSkewMs > options.now()) checkSkew(dateMs, options);
    if (options.now() + (options.presignedAheadMs ?? 0) > dateMs + expires * 1000) throw accessDenied('Request has expired');
  } else {
    checkSkew(dateMs, options);
  }
  // The payload: a signed hash must match; a streamed one is decoded (and its chunks checked).
  if (parts.payloadHash.startsWith('STREAMING-')) {
    const signed = parts.payloadHash.startsWith('STREAMING-AWS4-HMAC-SHA256-PAYLOAD');
    req.body = decodeAwsChunked(
      req.body,
      signed ? { signingKey, amzDate: parts.amzDate, scope: credential.scope, seedSignature: parts.signature } : null,
    );
    const declared = req.headerLists.get('x-amz-decoded-content-length')?.[0];
    if (declared !== undefined && Number(declared) !== req.body.length) {
      throw new S3Error(400, 'IncompleteBody', 'The decoded body length does not match x-amz-decoded-content-length');
    }
  } else if (parts.payloadHash !== 'UNSIGNED-PAYLOAD' && parts.payloadHash !== sha256Hex(req.body)) {
    throw new S3Error(400, 'XAmzContentSHA256Mismatch', 'The provided x-amz-content-sha256 header does not match what was computed.');
  }
  return found;
}

/** Checks a request's signature (V2, V4 header or V4 presigned) and who sent it. */
export function authenticate(req: SimRequest, store: Store, options: AuthOptions): Principal {
  const authorization = header(req, 'authorization');
  let found: { key: KeyRecord; user: UserRecord };
  if (authorization?.startsWith('AWS4-HMAC-SHA256')) {
    found = verifyV4(req, parseV4Header(req, authorization), store, options);
  } else if (authorization?.startsWith('AWS ')) {
    found = verifyV2(req, authorization, store, options);
  } else if (authorization) {
    throw new S3Error(400, 'InvalidArgument', 'Unsupported Authorization Type');
  } else if (req.query.some((p) => p.name === 'X-Amz-Algorithm' && p.value === 'AWS4-HMAC-SHA256')) {
    found = verifyV4(req, parseV4Query(req), store, options);
  } else {
    throw accessDenied('Anonymous access is not allowed: sign the request');
  }
  if (found.user.state === 'disabled') throw accessDenied('The user is disabled');
  return { ...found, system: found.user.flags.includes('system') };
}
