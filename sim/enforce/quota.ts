import { S3Error } from '../errors';
import type { BucketRecord } from '../store/records';
import type { Store } from '../store/store';

/** Quotas are in GB, and a GB here is 10^9 bytes. */
export const GB = 1_000_000_000;

function effectiveQuota(store: Store, own: string, fallback: string): number {
  return store.get('quotas', own) ?? store.get('quotas', fallback) ?? 0;
}

/** Refuses growth of `delta` bytes in `bucket` beyond the bucket's or its owner's quota (0 = none). */
export function enforceQuotas(store: Store, bucket: BucketRecord, delta: number): void {
  if (delta <= 0) return;
  const bucketQuota = effectiveQuota(store, `bucket:${bucket.name}`, 'default:bucket');
  if (bucketQuota > 0 && bucket.size + delta > bucketQuota * GB) {
    throw new S3Error(403, 'QuotaExceeded', `The upload would take the bucket ${bucket.name} over its quota of ${bucketQuota} GB`);
  }
  const userQuota = effectiveQuota(store, `user:${bucket.ownerId}`, 'default:user');
  if (userQuota > 0) {
    let used = 0;
    for (const name of store.bucketsByOwner.get(bucket.ownerId) ?? []) used += store.get('buckets', name)?.size ?? 0;
    if (used + delta > userQuota * GB) {
      throw new S3Error(403, 'QuotaExceeded', `The upload would take the bucket owner over their quota of ${userQuota} GB`);
    }
  }
}
