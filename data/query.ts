import { api, ApiClientError } from './api';
import type { ClientOptions, QueryKey, QueryOptions } from './cache/store';

/** The browser's cache: answers fresh for 10 s; a failed fetch tried once more, unless refused. */
export const BROWSER_CACHE: ClientOptions = {
  staleTime: 10_000,
  // The server already retries the gateway where that is safe; a refusal (4xx) will not change.
  retry: (failures, error) => failures < 1 && !(error instanceof ApiClientError && error.status > 0 && error.status < 500),
};

/**
 * A query of one API route: its key, how the browser fetches it, and (in `meta.url`) the address
 * the server asks when it prefetches the same query for a page's first paint.
 */
export function routeQuery<T>(queryKey: QueryKey, url: string): QueryOptions<T> {
  return { queryKey, queryFn: () => api<T>(url), meta: { url } };
}
