/** Query keys of users: hierarchical, so that invalidating `all` refreshes every user view. */
export const userKeys = {
  all: ['users'] as const,
  lists: () => ['users', 'list'] as const,
  list: (params: Record<string, string>) => ['users', 'list', params] as const,
  details: () => ['users', 'detail'] as const,
  detail: (id: string) => ['users', 'detail', id] as const,
  me: ['me'] as const,
};
