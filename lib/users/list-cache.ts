import 'server-only';
import { listUsers } from '../gateway/users';
import type { UserSummary } from '../gateway/schemas';
import { sortUsers } from './list-query';

/** How long the whole-list answer is reused: the gateway has no paging, and lists can be 100,000 long. */
export const USER_LIST_TTL_MS = 30_000;

interface Cached {
  users: UserSummary[];
  fetchedAt: number;
}

const holder = globalThis as unknown as { userList?: Cached; userListInFlight?: Promise<Cached> };

/** The gateway's user list, shared by every request for a short while; concurrent misses share one fetch. */
export async function cachedUserList(refresh = false): Promise<Cached> {
  const cached = holder.userList;
  if (!refresh && cached && Date.now() - cached.fetchedAt < USER_LIST_TTL_MS) return cached;
  holder.userListInFlight ??= listUsers()
    .then((users) => (holder.userList = { users: sortUsers(users), fetchedAt: Date.now() }))
    .finally(() => (holder.userListInFlight = undefined));
  // Past its time, the list is served as it is while a fresh one is fetched: only the first
  // load (or an explicit refresh) waits for the gateway. The answer says how fresh it is.
  if (!refresh && cached) {
    holder.userListInFlight.catch(() => undefined);
    return cached;
  }
  return holder.userListInFlight;
}

/** After a change the console made itself, the next read fetches afresh. */
export function invalidateUserList(): void {
  holder.userList = undefined;
}
