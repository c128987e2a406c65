import type { UserSummary } from '../gateway/schemas';
import type { UserListQuery } from './contract';

/** The order the list is shown in: by email, then id. Done once per fetched list, not per request. */
export function sortUsers(users: UserSummary[]): UserSummary[] {
  return users.sort((a, b) => (a.UserEmail < b.UserEmail ? -1 : a.UserEmail > b.UserEmail ? 1 : a.UserId < b.UserId ? -1 : 1));
}

/**
 * Search (email or user id, case-insensitive substring), state filter and one page of a sorted
 * list, on the server: a page never carries the whole list to the browser.
 */
export function queryUsers(users: readonly UserSummary[], q: UserListQuery) {
  const needle = q.q.toLowerCase();
  const matches = users.filter(
    (u) => (q.state === 'all' || u.State === q.state) && (!needle || u.UserEmail.toLowerCase().includes(needle) || u.UserId.includes(needle)),
  );
  const pages = Math.max(1, Math.ceil(matches.length / q.pageSize));
  const page = Math.min(q.page, pages);
  return {
    items: matches.slice((page - 1) * q.pageSize, page * q.pageSize).map((u) => ({ id: u.UserId, email: u.UserEmail, state: u.State })),
    total: matches.length,
    page,
    pages,
    pageSize: q.pageSize,
  };
}
