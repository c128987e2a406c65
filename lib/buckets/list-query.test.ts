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
const list = new SortedBuckets(rows);
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

  it('pages from either end', () => {
    const many = new SortedBuckets(Array.from({ length: 120 }, (_, i) => row(`b${String(i).padStart(3, '0')}`, i, '2026-01-01T00:00:00.000Z')));
    const last = queryBuckets(many, q({ page: '3', pageSize: '50' }), none);
    expect(last).toMatchObject({ page: 3, pages: 3, total: 120 });
    expect(last.items.map((b) => b.name)).toEqual(Array.from({ length: 20 }, (_, i) => `b${100 + i}`));
    expect(queryBuckets(many, q({ order: 'desc', page: '1', pageSize: '25' }), none).items[0].name).toBe('b119');
    expect(queryBuckets(many, q({ order: 'desc', page: '3', pageSize: '50' }), none).items.map((b) => b.name).at(-1)).toBe('b000');
  });
});
