/** Query keys of buckets. */
export const bucketKeys = {
  all: ['buckets'] as const,
  lists: () => ['buckets', 'list'] as const,
  list: (params: Record<string, string>) => ['buckets', 'list', params] as const,
  detail: (name: string) => ['buckets', 'detail', name] as const,
};
