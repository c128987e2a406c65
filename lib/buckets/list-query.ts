import type { BucketListQuery } from './contract';

/** One bucket as the list keeps it: sizes as bigint, owner id, the epoch that tells generations apart. */
export interface BucketRow {
  name: string;
  epoch: number;
  ownerId: string;
  createdAt: string;
  size: bigint;
}

const COMPARE = {
  name: (a: BucketRow, b: BucketRow) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.epoch - b.epoch),
  size: (a: BucketRow, b: BucketRow) => (a.size < b.size ? -1 : a.size > b.size ? 1 : COMPARE.name(a, b)),
  created: (a: BucketRow, b: BucketRow) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : COMPARE.name(a, b)),
};

/** The list in each sort order, computed once per fetched list and reused by every request. */
export class SortedBuckets {
  private readonly orders = new Map<BucketListQuery['sort'], BucketRow[]>();

  private owners: Map<string, { bytes: bigint; buckets: number }> | null = null;

  constructor(readonly rows: BucketRow[]) {}

  /** Bytes stored and buckets owned, per owner id. */
  byOwner(): Map<string, { bytes: bigint; buckets: number }> {
    if (!this.owners) {
      this.owners = new Map();
      for (const b of this.rows) {
        const o = this.owners.get(b.ownerId);
        if (o) {
          o.bytes += b.size;
          o.buckets += 1;
        } else this.owners.set(b.ownerId, { bytes: b.size, buckets: 1 });
      }
    }
    return this.owners;
  }

  by(sort: BucketListQuery['sort']): BucketRow[] {
    let sorted = this.orders.get(sort);
    if (!sorted) this.orders.set(sort, (sorted = [...this.rows].sort(COMPARE[sort])));
    return sorted;
  }
}

/**
 * Search by bucket name or owner (id, or any owner whose email matches), sort, and one page —
 * on the server, so a page of a million buckets is a page.
 */
export function queryBuckets(list: SortedBuckets, q: BucketListQuery, ownersMatching: (needle: string) => Set<string>) {
  const needle = q.q.toLowerCase();
  const sorted = list.by(q.sort);
  const owners = needle ? ownersMatching(needle) : null;
  const matches = needle ? sorted.filter((b) => b.name.includes(needle) || b.ownerId.includes(needle) || owners!.has(b.ownerId)) : sorted;
  const pages = Math.max(1, Math.ceil(matches.length / q.pageSize));
  const page = Math.min(q.page, pages);
  const start = (page - 1) * q.pageSize;
  const slice =
    q.order === 'asc'
      ? matches.slice(start, start + q.pageSize)
      : matches.slice(Math.max(0, matches.length - start - q.pageSize), matches.length - start).reverse();
  return { items: slice, total: matches.length, page, pages, pageSize: q.pageSize };
}
