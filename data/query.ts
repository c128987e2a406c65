import { api } from './api';
import type { QueryKey, QueryOptions } from './cache/store';

/**
 * A query of one API route: its key, how the browser fetches it, and (in `meta.url`) the address
 * the server asks when it prefetches the same query for a page's first paint.
 */
export function routeQuery<T>(queryKey: QueryKey, url: string): QueryOptions<T> {
  return { queryKey, queryFn: () => api<T>(url), meta: { url } };
}
