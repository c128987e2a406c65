import { describe, expect, it } from 'vitest';
import { bucketListQuery as bucketListQuerySchema } from './contract';
import { queryBuckets, SortedBuckets, type BucketRow } from './list-query';

const row = (name: string, size: number, createdAt: string, ownerId = 'aaaaaaaaaaaaaaaa', epoch = 0): BucketRow => ({ name, size: BigInt(size), createdAt, ownerId, epoch });
const rows = [
  row('photos', 500, '2026-01-03T00:00:00.000Z'),
  row('backups', 9_000_000_000_000_000_000, '2026-01-01T00:00:00.000Z', 'bbbbbbbbbbbbbbbb'),
  row('logs', 10, '2026-01-02T00:00:00.000Z'),
  row('logs', 20, '2026-02-02T00:00:00.000Z', 'aaaaaaaaaaaaaaaa', 1),
];
const list = SortedBuckets.of(rows);
const q = (input: Record<string, unknown>) => bucketListQuerySchema.parse(input);
const none = () => new Set<string>();

describe('queryBuckets', () => {
  it('sorts by name, size (exactly, beyond 2^53) or creation, either way', () => {
    expect(queryBuckets(list, q({}), none).items.map((b) => `${b.name}/${b.epoch}`)).toEqual(['backups/0', 'logs/0', 'logs/1', 'photos/0']);
    expect(queryBuckets(list, q({ sort: 'size', order: 'desc' }), none).items.map((b) => b.name)).toEqual(['backups', 'photos', 'logs', 'logs']);
    expect(queryBuckets(list, q({ sort: 'created' }), none).items.map((b) => b.createdAt.slice(0, 10))).toEqual(['2026-01-01', '2026-01-02', '2026-01-03', '2026-02-02']);
  });

  it('searches names and owners, including owners found by email', () => {
    expect(queryBuckets(list, q({ q: 'LOG' }), none).total).toBe(2);
    expect(queryBuckets(list, q({ q: 'bbbb' }), none).items.map((b) => b.name)).toEqual(['backups']);
    expect(queryBuckets(list, q({ q: 'alice' }), (n) => new Set(n === 'alice' ? ['aaaaaaaaaaaaaaaa'] : [])).total).toBe(3);
  });

  it('with owners of many buckets, finds what testing each bucket finds, and tests each owner once', () => {
    const owners = Array.from({ length: 40 }, (_, o) => o.toString(16).padStart(16, 'c'));
    const big = SortedBuckets.of(Array.from({ length: 4000 }, (_, i) => row(`bucket-${i}`, i, '2026-01-01T00:00:00.000Z', owners[(i * 7) % 40])));
    const asked: string[] = [];
    const byEmail = (needle: string) => {
      asked.push(needle);
      return new Set(needle === 'owner-three' ? [owners[3]] : []);
    };
    const plain = (needle: string, matched: Set<string>) =>
      Array.from({ length: 4000 }, (_, i) => i).filter((i) => `bucket-${i}`.includes(needle) || owners[(i * 7) % 40].includes(needle) || matched.has(owners[(i * 7) % 40])).length;
    expect(queryBuckets(big, q({ q: 'owner-three' }), byEmail).total).toBe(plain('owner-three', new Set([owners[3]])));
    expect(queryBuckets(big, q({ q: 'owner-three' }), byEmail).total).toBe(100);
    expect(queryBuckets(big, q({ q: 'cc1' }), byEmail).total).toBe(plain('cc1', new Set()));
    expect(queryBuckets(big, q({ q: '-12' }), byEmail).total).toBe(plain('-12', new Set()));
    // The owners' emails are asked once per search, and each owner is tested once, not once per bucket.
    expect(asked).toEqual(['owner-three', 'owner-three', 'cc1', '-12']);
    const tested: string[] = [];
    const passes = big.columns.ownersPassing((id) => (tested.push(id), id === owners[5]));
    expect(tested.sort()).toEqual([...owners].sort());
    expect(Array.from({ length: 4000 }, (_, i) => i).filter(passes)).toHaveLength(100);
  });

  it('pages from either end', () => {
    const many = SortedBuckets.of(Array.from({ length: 120 }, (_, i) => row(`b${String(i).padStart(3, '0')}`, i, '2026-01-01T00:00:00.000Z')));
    const last = queryBuckets(many, q({ page: '3', pageSize: '50' }), none);
    expect(last).toMatchObject({ page: 3, pages: 3, total: 120 });
    expect(last.items.map((b) => b.name)).toEqual(Array.from({ length: 20 }, (_, i) => `b${100 + i}`));
    expect(queryBuckets(many, q({ order: 'desc', page: '1', pageSize: '25' }), none).items[0].name).toBe('b119');
    expect(queryBuckets(many, q({ order: 'desc', page: '3', pageSize: '50' }), none).items.map((b) => b.name).at(-1)).toBe('b000');
  });

  it('gives back every field exactly as the gateway gave it: sizes beyond 2^53, dates in any form', () => {
    const odd = SortedBuckets.of([
      row('a', 2 ** 53 + 1, '2026-01-05T00:00:00Z'),
      row('b', 7, '2026-01-04T23:59:59.999Z', 'cccccccccccccccc', 3),
      row('c', 0, 'not a date'),
    ]);
    const all = queryBuckets(odd, q({}), none).items;
    expect(all).toEqual([
      { name: 'a', size: BigInt(2 ** 53 + 1), createdAt: '2026-01-05T00:00:00Z', ownerId: 'aaaaaaaaaaaaaaaa', epoch: 0 },
      { name: 'b', size: 7n, createdAt: '2026-01-04T23:59:59.999Z', ownerId: 'cccccccccccccccc', epoch: 3 },
      { name: 'c', size: 0n, createdAt: 'not a date', ownerId: 'aaaaaaaaaaaaaaaa', epoch: 0 },
    ]);
    // Dates in other forms sort as the text they are, as before.
    expect(queryBuckets(odd, q({ sort: 'created' }), none).items.map((b) => b.name)).toEqual(['b', 'a', 'c']);
    expect(queryBuckets(odd, q({ sort: 'size' }), none).items.map((b) => b.name)).toEqual(['c', 'b', 'a']);
  });

  it('totals each owner exactly, past 2^53', () => {
    // 2^53 + 3 has no exact double: a sum kept as a number would be 2^53 + 4.
    const owners = SortedBuckets.of([row('a', 2 ** 52 + 1, '2026-01-01T00:00:00.000Z'), row('b', 2 ** 52 + 2, '2026-01-01T00:00:00.000Z'), row('c', 5, '2026-01-01T00:00:00.000Z', 'bbbbbbbbbbbbbbbb')]).byOwner();
    expect(owners.get('aaaaaaaaaaaaaaaa')).toEqual({ bytes: 2n ** 53n + 3n, buckets: 2 });
    expect(owners.get('bbbbbbbbbbbbbbbb')).toEqual({ bytes: 5n, buckets: 1 });
    expect(list.byOwner().get('bbbbbbbbbbbbbbbb')).toEqual({ bytes: 9_000_000_000_000_000_000n, buckets: 1 });
    expect(list.byOwner().get('aaaaaaaaaaaaaaaa')).toEqual({ bytes: 530n, buckets: 3 });
  });

  it('leaves the shared order as it was after a page from the end', () => {
    const before = queryBuckets(list, q({}), none).items;
    queryBuckets(list, q({ order: 'desc' }), none);
    queryBuckets(list, q({ order: 'desc', q: 'o' }), none);
    expect(queryBuckets(list, q({}), none).items).toEqual(before);
  });
});
