import 'server-only';
import { sharedList } from '../cache/shared-list';
import { listBucketSummaries } from '../gateway/buckets';
import type { BucketSummary } from '../gateway/schemas';
import { BucketColumns, SortedBuckets } from './list-query';

/** How long the whole-gateway bucket list is fresh: the gateway has no paging, and it can hold a million buckets. */
export const BUCKET_LIST_TTL_MS = 60_000;

const buckets = sharedList('buckets', BUCKET_LIST_TTL_MS, async () => {
  const columns = await listBucketSummaries(() => {
    const into = new BucketColumns();
    return { add: (b: BucketSummary) => into.add(b.name, b.epoch, b.owner_id, b.creation_date, b.size.current), result: () => into };
  });
  return new SortedBuckets(columns);
});

export async function cachedBucketList(refresh = false) {
  const { data, fetchedAt } = await buckets.get(refresh);
  return { list: data, fetchedAt };
}

/** The list as last read, without waiting for the gateway (null until the first read is done). */
export const peekBucketList = () => buckets.peek()?.data ?? null;

export const invalidateBucketList = () => buckets.invalidate();
