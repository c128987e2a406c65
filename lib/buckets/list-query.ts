import type { BucketListQuery } from './contract';

/** One bucket as a page shows it: size as bigint, owner id, the epoch that tells generations apart. */
export interface BucketRow {
  name: string;
  epoch: number;
  ownerId: string;
  createdAt: string;
  size: bigint;
}

/**
 * The whole-gateway bucket list, one column per field. A million buckets held as a million
 * objects (each with a bigint) cost the console a hundred megabytes more and its garbage
 * collector seconds; here they are names, dates and a few arrays of numbers. Rows are made only
 * for the page being shown.
 */
export class BucketColumns {
  private readonly names: string[] = [];
  private readonly epochs: number[] = [];
  /** Index into `ownerIds`: owners hold many buckets each. */
  private readonly owners: number[] = [];
  private readonly ownerIds: string[] = [];
  private readonly ownerIndex = new Map<string, number>();
  /** Bytes, exact up to 2^53; NaN where the size is larger and kept in `largeSizes`. */
  private readonly sizes: number[] = [];
  private readonly largeSizes = new Map<number, bigint>();
  /** As the gateway wrote them (turning them into numbers and back costs more than it saves). */
  private readonly created: string[] = [];

  get length(): number {
    return this.names.length;
  }

  add(name: string, epoch: number, ownerId: string, createdAt: string, size: bigint): void {
    const i = this.names.length;
    this.names.push(name);
    this.epochs.push(epoch);
    let owner = this.ownerIndex.get(ownerId);
    if (owner === undefined) {
      owner = this.ownerIds.push(ownerId) - 1;
      this.ownerIndex.set(ownerId, owner);
    }
    this.owners.push(owner);
    if (size <= MAX_EXACT && size >= -MAX_EXACT) this.sizes.push(Number(size));
    else {
      this.sizes.push(NaN);
      this.largeSizes.set(i, size);
    }
    this.created.push(createdAt);
  }

  name(i: number): string {
    return this.names[i];
  }

  ownerId(i: number): string {
    return this.ownerIds[this.owners[i]];
  }

  /** Whether each bucket's owner passes `test`, which is asked once per owner, not once per bucket. */
  ownersPassing(test: (ownerId: string) => boolean): (i: number) => boolean {
    const passes = Uint8Array.from(this.ownerIds, (id) => (test(id) ? 1 : 0));
    return (i) => passes[this.owners[i]] === 1;
  }

  size(i: number): bigint {
    const n = this.sizes[i];
    return Number.isNaN(n) ? this.largeSizes.get(i)! : BigInt(n);
  }

  createdAt(i: number): string {
    return this.created[i];
  }

  row(i: number): BucketRow {
    return { name: this.names[i], epoch: this.epochs[i], ownerId: this.ownerId(i), createdAt: this.createdAt(i), size: this.size(i) };
  }

  /** Orders two buckets: by name, then epoch. */
  compareNames(a: number, b: number): number {
    const x = this.names[a];
    const y = this.names[b];
    return x < y ? -1 : x > y ? 1 : this.epochs[a] - this.epochs[b];
  }

  compareSizes(a: number, b: number): number {
    const x = this.sizes[a];
    const y = this.sizes[b];
    if (!Number.isNaN(x) && !Number.isNaN(y)) return x < y ? -1 : x > y ? 1 : this.compareNames(a, b);
    const bx = this.size(a);
    const by = this.size(b);
    return bx < by ? -1 : bx > by ? 1 : this.compareNames(a, b);
  }

  /** By the creation date as the gateway wrote it (for ISO dates, that is in time order). */
  compareCreated(a: number, b: number): number {
    const x = this.created[a];
    const y = this.created[b];
    return x < y ? -1 : x > y ? 1 : this.compareNames(a, b);
  }

  /** Bytes stored and buckets owned, per owner id. */
  totalsByOwner(): Map<string, { bytes: bigint; buckets: number }> {
    // Summed as numbers while exact, per owner; bigints only for the rare owner beyond 2^53.
    const bytes = new Float64Array(this.ownerIds.length);
    const counts = new Uint32Array(this.ownerIds.length);
    const large = new Map<number, bigint>();
    for (let i = 0; i < this.owners.length; i++) {
      const o = this.owners[i];
      counts[o]++;
      const n = this.sizes[i];
      const sum = bytes[o] + n;
      if (!Number.isNaN(n) && sum <= Number.MAX_SAFE_INTEGER) bytes[o] = sum;
      else large.set(o, (large.get(o) ?? 0n) + (Number.isNaN(n) ? this.largeSizes.get(i)! : BigInt(n)));
    }
    const totals = new Map<string, { bytes: bigint; buckets: number }>();
    for (let o = 0; o < this.ownerIds.length; o++) totals.set(this.ownerIds[o], { bytes: BigInt(bytes[o]) + (large.get(o) ?? 0n), buckets: counts[o] });
    return totals;
  }
}

const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

/** The list in each sort order (as positions in the columns), computed once per fetched list and reused by every request. */
export class SortedBuckets {
  private readonly orders = new Map<BucketListQuery['sort'], Uint32Array>();

  private owners: Map<string, { bytes: bigint; buckets: number }> | null = null;

  constructor(readonly columns: BucketColumns) {}

  static of(rows: BucketRow[]): SortedBuckets {
    const columns = new BucketColumns();
    for (const r of rows) columns.add(r.name, r.epoch, r.ownerId, r.createdAt, r.size);
    return new SortedBuckets(columns);
  }

  /** Bytes stored and buckets owned, per owner id. */
  byOwner(): Map<string, { bytes: bigint; buckets: number }> {
    this.owners ??= this.columns.totalsByOwner();
    return this.owners;
  }

  by(sort: BucketListQuery['sort']): Uint32Array {
    let sorted = this.orders.get(sort);
    if (!sorted) {
      const c = this.columns;
      const compare = sort === 'name' ? c.compareNames.bind(c) : sort === 'size' ? c.compareSizes.bind(c) : c.compareCreated.bind(c);
      sorted = Uint32Array.from({ length: c.length }, (_, i) => i).sort(compare);
      this.orders.set(sort, sorted);
    }
    return sorted;
  }
}

/**
 * Search by bucket name or owner (id, or any owner whose email matches), sort, and one page —
 * on the server, so a page of a million buckets is a page.
 */
export function queryBuckets(list: SortedBuckets, q: BucketListQuery, ownersMatching: (needle: string) => Set<string>) {
  const needle = q.q.toLowerCase();
  const c = list.columns;
  const sorted = list.by(q.sort);
  let matches = sorted;
  if (needle) {
    const owners = ownersMatching(needle);
    // An owner is looked at once, not once per bucket: 10,000 owners hold a million buckets.
    const ownerMatches = c.ownersPassing((id) => id.includes(needle) || owners.has(id));
    matches = sorted.filter((i) => c.name(i).includes(needle) || ownerMatches(i));
  }
  const pages = Math.max(1, Math.ceil(matches.length / q.pageSize));
  const page = Math.min(q.page, pages);
  const start = (page - 1) * q.pageSize;
  const slice =
    q.order === 'asc'
      ? matches.subarray(start, start + q.pageSize)
      : // A copy: the sorted order is shared by every request.
        matches.slice(Math.max(0, matches.length - start - q.pageSize), matches.length - start).reverse();
  return { items: Array.from(slice, (i) => c.row(i)), total: matches.length, page, pages, pageSize: q.pageSize };
}
