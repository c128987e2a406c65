import { jsonResponse, type Ctx, type SimResponse } from '../context';
import { invalidArgument, methodNotAllowed, S3Error } from '../errors';
import { toJson } from '../json';
import { bucketJson, findBucket } from '../model/buckets';
import { findUserByEmail } from '../model/users';
import type { BucketRecord } from '../store/records';
import { flag, readParams, requireValue } from './params';

const MAX_MULTI_BODY = 1024 * 1024;
const MAX_MULTI_NAMES = 10_000;

function multiNames(body: Buffer): string[] {
  if (body.length > MAX_MULTI_BODY) {
    throw new S3Error(400, 'EntityTooLarge', `The bucket list is larger than ${MAX_MULTI_BODY} bytes`);
  }
  let names: unknown;
  try {
    names = JSON.parse(body.toString('utf8'));
  } catch {
    throw new S3Error(400, 'MalformedJSON', 'The body of ?ostor-buckets&multi must be a JSON array of bucket names');
  }
  if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) {
    throw new S3Error(400, 'MalformedJSON', 'The body of ?ostor-buckets&multi must be a JSON array of bucket names');
  }
  if (names.length > MAX_MULTI_NAMES) throw invalidArgument(`At most ${MAX_MULTI_NAMES} bucket names at once`);
  return names;
}

/** `ostor-buckets`: all buckets, a user's, one, or several named in a JSON body (a GET with a body). */
export function bucketsService({ req, store, now }: Ctx): SimResponse {
  if (req.method !== 'GET') throw methodNotAllowed(req.method, 'ostor-buckets');
  const params = readParams(req, ['emailAddress', 'bucket', 'multi']);
  if (params.size > 1) throw invalidArgument('Give at most one of emailAddress, bucket, multi');
  let buckets: Iterable<BucketRecord>;
  if (params.has('emailAddress')) {
    const user = findUserByEmail(store, requireValue(params, 'emailAddress'));
    buckets = [...(store.bucketsByOwner.get(user.id) ?? [])].map((n) => findBucket(store, n));
  } else if (params.has('bucket')) {
    buckets = [findBucket(store, requireValue(params, 'bucket'))];
  } else if (params.has('multi')) {
    flag(params, 'multi');
    buckets = [...new Set(multiNames(req.body))].flatMap((n) => store.get('buckets', n) ?? []);
  } else {
    buckets = store.maps.buckets.values();
  }
  const at = now();
  const parts: string[] = [];
  for (const b of buckets) parts.push(toJson(bucketJson(b, at)));
  return jsonResponse(`{"Buckets":[${parts.join(',')}]}`);
}
