import type { UserSummary } from '../gateway/schemas';
import type { UserListQuery } from './contract';

/** The order the list is shown in: by email, then id. Done once per fetched list, not per request. */
export function sortUsers(users: UserSummary[]): UserSummary[] {
  return users.sort((a, b) => (a.UserEmail < b.UserEmail ? -1 : a.UserEmail > b.UserEmail ? 1 : a.UserId < b.UserId ? -1 : 1));
}

export type PlanState = 'in-sync' | 'drifted' | 'incomplete' | 'unchecked';

/** What the console knows of each user beyond the gateway's list, looked up by user id. */
export interface UserFacts {
  plan(id: string): { id: string; name: string; state: PlanState } | null;
  /** Bytes stored and bucket count; null while the bucket list is not read yet. */
  stored(id: string): { bytes: bigint; buckets: number } | null;
  addedAt(id: string): string | null;
}

type Compare = (a: UserSummary, b: UserSummary) => number;
const byEmail: Compare = (a, b) => (a.UserEmail < b.UserEmail ? -1 : a.UserEmail > b.UserEmail ? 1 : a.UserId < b.UserId ? -1 : 1);
/** By a value, ascending (1) or descending (-1); users without one (no plan, sizes not read yet) come last either way. */
const orderBy =
  <T>(value: (u: UserSummary) => T | null, direction: 1 | -1): Compare =>
  (a, b) => {
    const x = value(a);
    const y = value(b);
    if (x == null || y == null) return x == y ? byEmail(a, b) : x == null ? 1 : -1;
    return (x < y ? -1 : x > y ? 1 : byEmail(a, b)) * direction;
  };

/**
 * Search (email or user id, case-insensitive substring), filters (state, plan, drift), a sort
 * and one page of the list — on the server: a page never carries the whole list to the browser.
 */
export function queryUsers(users: readonly UserSummary[], q: UserListQuery, facts: UserFacts) {
  const needle = q.q.toLowerCase();
  let matches = users.filter(
    (u) =>
      (q.state === 'all' || u.State === q.state) &&
      (!needle || u.UserEmail.toLowerCase().includes(needle) || u.UserId.includes(needle)) &&
      (!q.plan || facts.plan(u.UserId)?.id === q.plan) &&
      (q.drift === 'all' || ['drifted', 'incomplete'].includes(facts.plan(u.UserId)?.state ?? '')),
  );
  const direction = q.order === 'desc' ? -1 : 1;
  if (q.sort === 'email') {
    // The list comes sorted by email already.
    if (direction === -1) matches = matches.reverse();
  } else {
    const value = {
      plan: (u: UserSummary) => facts.plan(u.UserId)?.name ?? null,
      stored: (u: UserSummary) => facts.stored(u.UserId)?.bytes ?? null,
      buckets: (u: UserSummary) => facts.stored(u.UserId)?.buckets ?? null,
      added: (u: UserSummary) => facts.addedAt(u.UserId),
    }[q.sort];
    matches.sort(orderBy<string | bigint | number>(value, direction));
  }
  const pages = Math.max(1, Math.ceil(matches.length / q.pageSize));
  const page = Math.min(q.page, pages);
  return {
    items: matches.slice((page - 1) * q.pageSize, page * q.pageSize).map((u) => {
      const stored = facts.stored(u.UserId);
      return {
        id: u.UserId,
        email: u.UserEmail,
        state: u.State,
        plan: facts.plan(u.UserId),
        storedBytes: stored ? stored.bytes.toString() : null,
        buckets: stored ? stored.buckets : null,
        addedAt: facts.addedAt(u.UserId),
      };
    }),
    total: matches.length,
    page,
    pages,
    pageSize: q.pageSize,
  };
}
