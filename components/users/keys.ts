/** Query keys for users: one place, hierarchical, so invalidating `users.all` refreshes every view. */
export const userKeys = {
  all: ['users'] as const,
  list: (params: Record<string, string>) => ['users', 'list', params] as const,
  detail: (id: string) => ['users', 'detail', id] as const,
  me: ['me'] as const,
};
