import 'server-only';
import { listAllBuckets } from '../gateway/buckets';
import { SortedBuckets } from './list-query';

/** How long the whole-gateway bucket list is reused: the gateway has no paging, and it can hold a million buckets. */
export const BUCKET_LIST_TTL_MS = 60_000;

interface Cached {
  list: SortedBuckets;
  fetchedAt: number;
}

const holder = globalThis as unknown as { bucketList?: Cached; bucketListInFlight?: Promise<Cached> };

export async function cachedBucketList(refresh = false): Promise<Cached> {
  const cached = holder.bucketList;
  if (!refresh && cached && Date.now() - cached.fetchedAt < BUCKET_LIST_TTL_MS) return cached;
  holder.bucketListInFlight ??= listAllBuckets()
    .then((buckets) => {
      const rows = buckets.map((b) => ({ name: b.name, epoch: b.epoch, ownerId: b.owner_id, createdAt: b.creation_date, size: b.size.current }));
      return (holder.bucketList = { list: new SortedBuckets(rows), fetchedAt: Date.now() });
    })
    .finally(() => (holder.bucketListInFlight = undefined));
  // Past its time, the list is served as it is while a fresh one is fetched: only the first
  // load (or an explicit refresh) waits for the gateway. The answer says how fresh it is.
  if (!refresh && cached) {
    holder.bucketListInFlight.catch(() => undefined);
    return cached;
  }
  return holder.bucketListInFlight;
}

export function invalidateBucketList(): void {
  holder.bucketList = undefined;
}
