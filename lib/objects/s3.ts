import 'server-only';
import { S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { ApiError } from '../api/errors';
import { env } from '../config/env';
import type { KeyPair } from '../gateway/schemas';
import { publicEndpoint } from './endpoint';

/**
 * S3 calls made for a customer, signed with one of the customer's own key pairs (read from the
 * gateway for the request, never stored or logged). `public`: the address customers use, for
 * links handed to them; otherwise the console's own way to the gateway.
 */
export function s3For(pair: KeyPair, options: { public?: boolean } = {}): S3Client {
  const e = env();
  return new S3Client({
    endpoint: options.public ? publicEndpoint() : e.GATEWAY_URL,
    region: e.GATEWAY_REGION,
    forcePathStyle: true,
    credentials: { accessKeyId: pair.AWSAccessKeyId, secretAccessKey: pair.AWSSecretAccessKey },
    // The gateway checks what S3 has always checked; newer optional checksums are not asked for.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 1,
    // Failures are answered in words by s3Failure; the SDK's own console warnings say nothing more.
    logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    requestHandler: new NodeHttpHandler({ connectionTimeout: e.GATEWAY_TIMEOUT_MS, requestTimeout: e.GATEWAY_TIMEOUT_MS }),
  });
}

/** Words for the S3 errors a customer can meet here, by S3's code. */
const S3_WORDS: Record<string, [number, string]> = {
  NoSuchBucket: [404, 'There is no such bucket. It may have been deleted.'],
  NoSuchKey: [404, 'There is no such object. It may have been deleted or renamed.'],
  NotFound: [404, 'There is no such object. It may have been deleted or renamed.'],
  NoSuchUpload: [404, 'This upload is no longer under way: it was finished or cancelled. Upload the file again.'],
  BucketAlreadyExists: [409, 'That bucket name is taken: bucket names are shared by every customer of the service. Choose another.'],
  BucketAlreadyOwnedByYou: [409, 'You already have a bucket with that name.'],
  BucketNotEmpty: [409, 'The bucket is not empty: delete its objects first.'],
  TooManyBuckets: [409, 'You have as many buckets as the service allows. Delete one before creating another.'],
  InvalidBucketName: [422, 'The gateway does not accept this bucket name.'],
  QuotaExceeded: [409, 'This would go over your storage quota. Delete something, or ask your provider for a larger quota.'],
  EntityTooSmall: [422, 'A part of this upload was smaller than 5 MiB. Upload the file again.'],
  EntityTooLarge: [413, 'The file is larger than the gateway takes in one request.'],
  InvalidPart: [422, 'A part of this upload is missing or changed. Upload the file again.'],
  InvalidPartOrder: [422, 'The parts of this upload were named out of order.'],
  KeyTooLongError: [422, 'The object’s full name is too long.'],
  MetadataTooLarge: [422, 'The object’s metadata is larger than 2 KB.'],
  AccessDenied: [403, 'The storage service refused this with your keys.'],
  InvalidAccessKeyId: [403, 'The storage service does not know this key pair: it may have just been revoked.'],
  SignatureDoesNotMatch: [403, 'The storage service refused the key pair’s signature.'],
  SlowDown: [503, 'You are over your request rate limit. Try again in a moment.'],
  ServiceUnavailable: [503, 'The storage service is busy. Try again in a moment.'],
};

/** An S3 failure as the console answers it: the customer's words, the status kept. */
export function s3Failure(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof S3ServiceException) {
    const status = error.$metadata.httpStatusCode ?? 502;
    const known = S3_WORDS[error.name];
    if (known) return new ApiError(known[0], `s3_${error.name}`, known[1]);
    if (status === 404) return new ApiError(404, 'not_found', 'There is no such object or bucket.');
    if (status >= 500) return new ApiError(502, 'gateway_failed', `The storage service failed (${error.name}).`);
    return new ApiError(status === 400 ? 422 : status >= 400 && status < 500 ? status : 502, `s3_${error.name}`, `The storage service refused this: ${error.message || error.name}.`);
  }
  const name = (error as Error | null)?.name ?? '';
  const code = (error as { code?: string } | null)?.code ?? '';
  if (name === 'TimeoutError' || name === 'AbortError' || code === 'ETIMEDOUT') return new ApiError(504, 'gateway_timeout', 'The storage service did not answer in time.');
  if (['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'EPIPE'].includes(code)) {
    return new ApiError(503, 'gateway_unreachable', 'The storage service cannot be reached just now. Try again in a moment.');
  }
  throw error;
}

/** Runs one S3 call, its failure said in words. */
export async function s3Call<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw s3Failure(error);
  }
}
