/** Query keys of object listings, per bucket (by the API path the browser uses for it). */
export const objectKeys = {
  all: ['objects'] as const,
  bucket: (base: string) => ['objects', base] as const,
  list: (base: string, params: Record<string, string>) => ['objects', base, 'list', params] as const,
  detail: (base: string, key: string) => ['objects', base, 'detail', key] as const,
};
