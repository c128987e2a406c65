import 'server-only';
import { sharedList } from '../cache/shared-list';
import { listBucketSummaries } from '../gateway/buckets';
import { SortedBuckets } from './list-query';

/** How long the whole-gateway bucket list is fresh: the gateway has no paging, and it can hold a million buckets. */
export const BUCKET_LIST_TTL_MS = 60_000;

const buckets = sharedList('buckets', BUCKET_LIST_TTL_MS, async () => {
  // Owners hold many buckets each: one string per owner, not one per bucket.
  const owners = new Map<string, string>();
  const owner = (id: string) => owners.get(id) ?? (owners.set(id, id), id);
  const rows = await listBucketSummaries((b) => ({ name: b.name, epoch: b.epoch, ownerId: owner(b.owner_id), createdAt: b.creation_date, size: b.size.current }));
  return new SortedBuckets(rows);
});

export async function cachedBucketList(refresh = false) {
  const { data, fetchedAt } = await buckets.get(refresh);
  return { list: data, fetchedAt };
}

/** The list as last read, without waiting for the gateway (null until the first read is done). */
export const peekBucketList = () => buckets.peek()?.data ?? null;

export const invalidateBucketList = () => buckets.invalidate();
