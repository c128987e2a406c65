import type { Overview } from '@/lib/objects/contract';
import type { UserList, UserPageData } from '@/lib/users/contract';
import { encode, search } from '../api';
import { routeQuery } from '../query';
import { userKeys } from './keys';

/** The users list's state, as the URL holds it (defaults left out). */
export interface UserListParams {
  q: string;
  state: string;
  plan: string;
  drift: string;
  sort: string;
  order: string;
  page: string;
}

export const USER_LIST_DEFAULTS: UserListParams = { q: '', state: 'all', plan: '', drift: 'all', sort: 'email', order: 'asc', page: '1' };

export const userListParams = (params: { get(name: string): string | null }): UserListParams =>
  Object.fromEntries(Object.entries(USER_LIST_DEFAULTS).map(([k, v]) => [k, params.get(k) ?? v])) as unknown as UserListParams;

export const USER_PAGE_SIZE = '50';

export const userQueries = {
  list: (p: UserListParams) => routeQuery<UserList>(userKeys.list({ ...p }), `/api/users${search({ ...p, pageSize: USER_PAGE_SIZE })}`),
  detail: (id: string) => routeQuery<UserPageData>(userKeys.detail(id), `/api/users/${encode(id)}`),
  me: () => routeQuery<Overview>(userKeys.me, '/api/me'),
};
