import 'server-only';
import { sharedList } from '../cache/shared-list';
import type { UserSummary } from '../gateway/schemas';
import { getUserById, listUsers } from '../gateway/users';
import { sortUsers } from './list-query';

/** How long the whole-list answer is fresh: the gateway has no paging, and lists can be 100,000 long. */
export const USER_LIST_TTL_MS = 30_000;

const users = sharedList('users', USER_LIST_TTL_MS, async () => sortUsers(await listUsers()));

export async function cachedUserList(refresh = false) {
  const { data, fetchedAt } = await users.get(refresh);
  return { users: data, fetchedAt };
}

export const invalidateUserList = () => users.invalidate();

const emailIndexes = new WeakMap<readonly UserSummary[], ReadonlyMap<string, string>>();

/**
 * Each user's email by user id, for a list `cachedUserList` returned: made on first use once per
 * list read from the gateway, and shared by every request that reads that list. (Made per request,
 * a page of buckets at 10,000 owners spent a millisecond on it, and a bucket's page searched the
 * whole list for one owner.) Never changed: a caller with emails of its own keeps them beside it.
 */
export function emailsById(list: readonly UserSummary[]): ReadonlyMap<string, string> {
  let index = emailIndexes.get(list);
  if (!index) emailIndexes.set(list, (index = new Map(list.map((u) => [u.UserId, u.UserEmail]))));
  return index;
}

/**
 * The emails of users the cached list does not hold (made since it was read), asked for one by
 * one: callers ask for a few at most. Those the gateway cannot name now are left out.
 */
export async function askEmails(ids: readonly string[]): Promise<Map<string, string>> {
  const asked = await Promise.allSettled(ids.map((id) => getUserById(id)));
  const found = new Map<string, string>();
  asked.forEach((a, i) => a.status === 'fulfilled' && found.set(ids[i], a.value.UserEmail));
  return found;
}
