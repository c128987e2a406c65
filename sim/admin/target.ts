import { findBucket } from '../model/buckets';
import { findUserByEmail } from '../model/users';
import type { Store } from '../store/store';
import { exactlyOne, requireValue, type Params } from './params';

/** The record key of the user (`emailAddress`) or bucket (`bucket`) a limits or quotas call names. */
export function userOrBucketKey(store: Store, params: Params, extra: readonly string[] = []): string {
  const by = exactlyOne(params, ['emailAddress', 'bucket', ...extra], 'to name what the call is for');
  if (by === 'emailAddress') return `user:${findUserByEmail(store, requireValue(params, 'emailAddress')).id}`;
  if (by === 'bucket') return `bucket:${findBucket(store, requireValue(params, 'bucket')).name}`;
  return by;
}
