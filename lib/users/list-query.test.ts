import { describe, expect, it } from 'vitest';
import { userListQuery as userListQuerySchema } from './contract';
import type { UserSummary } from '../gateway/schemas';
import { queryUsers, sortUsers, usersHolding, type UserFacts } from './list-query';

const users = sortUsers([
  { UserEmail: 'carol@example.com', UserId: 'cccccccccccccccc', State: 'enabled' as const },
  { UserEmail: 'alice@example.com', UserId: 'aaaaaaaaaaaaaaaa', State: 'disabled' as const },
  { UserEmail: 'bob@example.org', UserId: 'bbbbbbbbbbbbbbbb', State: 'enabled' as const },
]);
const q = (input: Record<string, unknown>) => userListQuerySchema.parse(input);

const GOLD = { id: '00000000-0000-4000-8000-00000000000a', name: 'Gold' };
const BASIC = { id: '00000000-0000-4000-8000-00000000000b', name: 'Basic' };
const facts: UserFacts = {
  plan: (id) => ({ aaaaaaaaaaaaaaaa: { ...GOLD, state: 'drifted' as const }, cccccccccccccccc: { ...BASIC, state: 'in-sync' as const } })[id] ?? null,
  stored: (id) => ({ aaaaaaaaaaaaaaaa: { bytes: 5n, buckets: 1 }, bbbbbbbbbbbbbbbb: { bytes: 10n ** 15n, buckets: 3 } })[id] ?? { bytes: 0n, buckets: 0 },
  addedAt: (id) => ({ aaaaaaaaaaaaaaaa: '2026-03-01T00:00:00.000Z', bbbbbbbbbbbbbbbb: '2026-01-01T00:00:00.000Z' })[id] ?? null,
};
const none: UserFacts = { plan: () => null, stored: () => null, addedAt: () => null };

describe('queryUsers', () => {
  it('shows the list sorted by email and pages it', () => {
    const first = queryUsers(users, q({ pageSize: '25' }), facts);
    expect(first.items.map((u) => u.email)).toEqual(['alice@example.com', 'bob@example.org', 'carol@example.com']);
    expect(first).toMatchObject({ total: 3, page: 1, pages: 1 });
  });

  it('searches email and id, case-insensitively, and filters by state', () => {
    expect(queryUsers(users, q({ q: 'EXAMPLE.COM' }), facts).items.map((u) => u.id)).toEqual(['aaaaaaaaaaaaaaaa', 'cccccccccccccccc']);
    expect(queryUsers(users, q({ q: 'bbbb' }), facts).items.map((u) => u.email)).toEqual(['bob@example.org']);
    expect(queryUsers(users, q({ state: 'disabled' }), facts).items.map((u) => u.email)).toEqual(['alice@example.com']);
  });

  it('finds what lowering each user’s email finds: every user once, in list order, never across email and id', () => {
    // A seeded mix: letters of several cases and scripts (whose lower case can be longer), ids of hex.
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 48271) % 2147483647), seed % n);
    const letters = 'abcABCxyzİßÉé.-_+@0123';
    const word = (n: number) => Array.from({ length: n }, () => letters[random(letters.length)]).join('');
    const list: UserSummary[] = Array.from({ length: 3000 }, () => ({
      UserEmail: `${word(1 + random(8))}@${word(1 + random(5))}.com`,
      UserId: Array.from({ length: 16 }, () => '0123456789abcdef'[random(16)]).join(''),
      State: 'enabled',
    }));
    const plain = (needle: string) => list.flatMap((u, i) => (u.UserEmail.toLowerCase().includes(needle) || u.UserId.includes(needle) ? [i] : []));
    const needles = ['a', 'ab', 'i̇', 'ß', '@', '.com', 'com', 'x', '0', 'ff', 'é.', '@a', 'zz', 'abcabc', 'c@'];
    for (let i = 0; i < 200; i++) needles.push(word(1 + random(3)).toLowerCase());
    for (const needle of needles) expect(usersHolding(list, needle), needle).toEqual(plain(needle));

    // An email's end and its id's start are no match, nor one user's id and the next's email.
    const two: UserSummary[] = [
      { UserEmail: 'a@x.com', UserId: '00000000000000ab', State: 'enabled' },
      { UserEmail: 'cd@y.org', UserId: '1111111111111111', State: 'enabled' },
    ];
    expect(usersHolding(two, 'com0')).toEqual([]);
    expect(usersHolding(two, 'abcd')).toEqual([]);
    expect(usersHolding(two, 'ab')).toEqual([0]);
    // Found twice in one user: listed once.
    expect(usersHolding(two, '1')).toEqual([1]);
    // The list's own order, and the same answers when searched again (the lowered emails are kept with the list).
    expect(usersHolding(two, '.')).toEqual([0, 1]);
    expect(usersHolding(two, '.')).toEqual([0, 1]);
  });

  it('searches within a state, a plan or drift as well', () => {
    expect(queryUsers(users, q({ q: 'example', state: 'enabled' }), facts).items.map((u) => u.email)).toEqual(['bob@example.org', 'carol@example.com']);
    expect(queryUsers(users, q({ q: 'example.com', plan: BASIC.id }), facts).items.map((u) => u.email)).toEqual(['carol@example.com']);
    expect(queryUsers(users, q({ q: 'a', drift: 'drifted', order: 'desc' }), facts).items.map((u) => u.email)).toEqual(['alice@example.com']);
    expect(queryUsers(users, q({ q: 'nobody' }), facts)).toMatchObject({ items: [], total: 0, page: 1, pages: 1 });
  });

  it('clamps a page past the end to the last page', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ UserEmail: `u${String(i).padStart(2, '0')}@x.io`, UserId: String(i).padStart(16, '0'), State: 'enabled' as const }), facts);
    const last = queryUsers(many, q({ page: '9', pageSize: '25' }), none);
    expect(last).toMatchObject({ page: 3, pages: 3, total: 60 });
    expect(last.items).toHaveLength(10);
  });

  it('shows each user’s plan, stored bytes, buckets and first-seen date', () => {
    const [alice, bob, carol] = queryUsers(users, q({}), facts).items;
    expect(alice).toMatchObject({ plan: { name: 'Gold', state: 'drifted' }, storedBytes: '5', buckets: 1, addedAt: '2026-03-01T00:00:00.000Z' });
    expect(bob).toMatchObject({ plan: null, storedBytes: '1000000000000000', buckets: 3 });
    expect(carol).toMatchObject({ plan: { name: 'Basic' }, storedBytes: '0', buckets: 0, addedAt: null });
    expect(queryUsers(users, q({}), none).items[0]).toMatchObject({ storedBytes: null, buckets: null });
  });

  it('filters by plan and by drift', () => {
    expect(queryUsers(users, q({ plan: GOLD.id }), facts).items.map((u) => u.email)).toEqual(['alice@example.com']);
    expect(queryUsers(users, q({ drift: 'drifted' }), facts).items.map((u) => u.email)).toEqual(['alice@example.com']);
    expect(() => q({ drift: 'maybe' })).toThrow();
  });

  it('sorts by each column both ways, users without a value last', () => {
    const emails = (input: Record<string, unknown>) => queryUsers(users, q(input), facts).items.map((u) => u.email.split('@')[0]);
    expect(emails({ sort: 'email', order: 'desc' })).toEqual(['carol', 'bob', 'alice']);
    expect(emails({ sort: 'plan' })).toEqual(['carol', 'alice', 'bob']);
    expect(emails({ sort: 'plan', order: 'desc' })).toEqual(['alice', 'carol', 'bob']);
    expect(emails({ sort: 'stored' })).toEqual(['carol', 'alice', 'bob']);
    expect(emails({ sort: 'stored', order: 'desc' })).toEqual(['bob', 'alice', 'carol']);
    expect(emails({ sort: 'buckets', order: 'desc' })).toEqual(['bob', 'alice', 'carol']);
    expect(emails({ sort: 'added' })).toEqual(['bob', 'alice', 'carol']);
    expect(emails({ sort: 'added', order: 'desc' })).toEqual(['alice', 'bob', 'carol']);
    expect(() => q({ sort: 'password' })).toThrow();
  });

  it('pages a descending or re-sorted list from the end without changing the cached list it reads', () => {
    const many = sortUsers(Array.from({ length: 60 }, (_, i) => ({ UserEmail: `u${String(i).padStart(2, '0')}@x.io`, UserId: String(i).padStart(16, '0'), State: 'enabled' as const })));
    const before = many.map((u) => u.UserId);
    const last = queryUsers(many, q({ order: 'desc', page: '3', pageSize: '25' }), none);
    expect(last.items.map((u) => u.email)).toEqual(Array.from({ length: 10 }, (_, i) => `u${String(9 - i).padStart(2, '0')}@x.io`));
    expect(queryUsers(many, q({ order: 'desc', pageSize: '25' }), none).items[0].email).toBe('u59@x.io');
    queryUsers(many, q({ sort: 'added', order: 'desc' }), { ...none, addedAt: (id) => `2026-01-${id.slice(-2)}` });
    expect(many.map((u) => u.UserId)).toEqual(before);
  });

  it('refuses page sizes it does not offer', () => {
    expect(() => q({ pageSize: '10_000' })).toThrow();
  });
});
