import 'server-only';
import { notFound } from '../api/errors';
import { getBucket } from '../gateway/buckets';
import { GatewayError } from '../gateway/errors';

/** A name the gateway could hold: nothing else is ever sent to it. */
export const isBucketName = (name: string) => /^[a-z0-9.-]{3,63}$/.test(name);

export async function bucketOr404(name: string) {
  if (!isBucketName(name)) throw notFound('There is no such bucket: the name is not a valid bucket name.');
  try {
    const bucket = await getBucket(name);
    if (!bucket) throw notFound('There is no such bucket on the gateway.');
    return bucket;
  } catch (error) {
    if (error instanceof GatewayError && error.status === 404) throw notFound('There is no such bucket on the gateway. It may have been deleted.');
    throw error;
  }
}
