import 'server-only';
import { sharedList } from '../cache/shared-list';
import { listUsers } from '../gateway/users';
import { sortUsers } from './list-query';

/** How long the whole-list answer is fresh: the gateway has no paging, and lists can be 100,000 long. */
export const USER_LIST_TTL_MS = 30_000;

const users = sharedList('users', USER_LIST_TTL_MS, async () => sortUsers(await listUsers()));

export async function cachedUserList(refresh = false) {
  const { data, fetchedAt } = await users.get(refresh);
  return { users: data, fetchedAt };
}

export const invalidateUserList = () => users.invalidate();
