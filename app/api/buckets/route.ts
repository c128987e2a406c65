import { answer } from '@/lib/api/contract';
import { query, route } from '@/lib/api/handler';
import { bucketsContract } from '@/lib/buckets/contract';
import { cachedBucketList } from '@/lib/buckets/list-cache';
import { queryBuckets } from '@/lib/buckets/list-query';
import { refreshParam } from '@/lib/cache/shared-list';
import { askEmails, cachedUserList, emailsById } from '@/lib/users/list-cache';
import { usersHolding } from '@/lib/users/list-query';

const contract = bucketsContract['GET /api/buckets'];
const listQuery = contract.query.extend({ refresh: refreshParam });

export const GET = route('buckets.read', async ({ req }) => {
  const q = query(req, listQuery);
  const [{ list, fetchedAt }, users] = await Promise.all([cachedBucketList(q.refresh), cachedUserList()]);
  const listed = emailsById(users.users);
  // Owners by email (lowered once per user list, with the users search), or by id.
  const ownersMatching = (needle: string) => new Set(usersHolding(users.users, needle).map((i) => users.users[i].UserId));
  const page = queryBuckets(list, q, ownersMatching);
  // Owners newer than the cached user list are looked up one by one: a page holds at most 100.
  const found = await askEmails([...new Set(page.items.map((b) => b.ownerId).filter((id) => !listed.has(id)))]);
  return answer(contract, {
    ...page,
    items: page.items.map((b) => ({ ...b, size: b.size.toString(), ownerEmail: listed.get(b.ownerId) ?? found.get(b.ownerId) ?? null })),
    fetchedAt: new Date(fetchedAt).toISOString(),
  });
});
