import { describe, expect, it } from 'vitest';
import { userListQuery as userListQuerySchema } from './contract';
import { queryUsers, sortUsers } from './list-query';

const users = sortUsers([
  { UserEmail: 'carol@example.com', UserId: 'cccccccccccccccc', State: 'enabled' as const },
  { UserEmail: 'alice@example.com', UserId: 'aaaaaaaaaaaaaaaa', State: 'disabled' as const },
  { UserEmail: 'bob@example.org', UserId: 'bbbbbbbbbbbbbbbb', State: 'enabled' as const },
]);
const q = (input: Record<string, unknown>) => userListQuerySchema.parse(input);

describe('queryUsers', () => {
  it('shows the list sorted by email and pages it', () => {
    const first = queryUsers(users, q({ pageSize: '25' }));
    expect(first.items.map((u) => u.email)).toEqual(['alice@example.com', 'bob@example.org', 'carol@example.com']);
    expect(first).toMatchObject({ total: 3, page: 1, pages: 1 });
  });

  it('searches email and id, case-insensitively, and filters by state', () => {
    expect(queryUsers(users, q({ q: 'EXAMPLE.COM' })).items.map((u) => u.id)).toEqual(['aaaaaaaaaaaaaaaa', 'cccccccccccccccc']);
    expect(queryUsers(users, q({ q: 'bbbb' })).items.map((u) => u.email)).toEqual(['bob@example.org']);
    expect(queryUsers(users, q({ state: 'disabled' })).items.map((u) => u.email)).toEqual(['alice@example.com']);
  });

  it('clamps a page past the end to the last page', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ UserEmail: `u${String(i).padStart(2, '0')}@x.io`, UserId: String(i).padStart(16, '0'), State: 'enabled' as const }));
    const last = queryUsers(many, q({ page: '9', pageSize: '25' }));
    expect(last).toMatchObject({ page: 3, pages: 3, total: 60 });
    expect(last.items).toHaveLength(10);
  });

  it('refuses page sizes it does not offer', () => {
    expect(() => q({ pageSize: '10_000' })).toThrow();
  });
});
