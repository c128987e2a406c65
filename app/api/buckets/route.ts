import { answer } from '@/lib/api/contract';
import { query, route } from '@/lib/api/handler';
import { bucketsContract } from '@/lib/buckets/contract';
import { cachedBucketList } from '@/lib/buckets/list-cache';
import { queryBuckets } from '@/lib/buckets/list-query';
import { refreshParam } from '@/lib/cache/shared-list';
import { getUserById } from '@/lib/gateway/users';
import { cachedUserList } from '@/lib/users/list-cache';

const contract = bucketsContract['GET /api/buckets'];

export const GET = route('buckets.read', async ({ req }) => {
  const q = query(req, contract.query.extend({ refresh: refreshParam }));
  const [{ list, fetchedAt }, users] = await Promise.all([cachedBucketList(q.refresh), cachedUserList()]);
  const emails = new Map(users.users.map((u) => [u.UserId, u.UserEmail]));
  const ownersMatching = (needle: string) => new Set(users.users.filter((u) => u.UserEmail.toLowerCase().includes(needle)).map((u) => u.UserId));
  const page = queryBuckets(list, q, ownersMatching);
  // Owners newer than the cached user list are looked up one by one: a page holds at most 100.
  const missing = [...new Set(page.items.map((b) => b.ownerId).filter((id) => !emails.has(id)))];
  await Promise.all(
    missing.map(async (id) => {
      const info = await getUserById(id).catch(() => null);
      if (info) emails.set(id, info.UserEmail);
    }),
  );
  return answer(contract, {
    ...page,
    items: page.items.map((b) => ({ ...b, size: b.size.toString(), ownerEmail: emails.get(b.ownerId) ?? null })),
    fetchedAt: new Date(fetchedAt).toISOString(),
  });
});
