import { api, ApiClientError } from './api';
import type { ClientOptions, QueryKey, QueryOptions } from './cache/store';

/**
 * Failures the browser does not ask again for: a refusal (4xx) will not change, and a gateway that
 * did not answer in time (504) already had the request's whole deadline, the server's own retries
 * included: asking again would keep the page waiting as long once more before it says so.
 */
const final = (error: Error) => error instanceof ApiClientError && error.status > 0 && (error.status < 500 || error.status === 504);

/** The browser's cache: answers fresh for 10 s; a failed fetch tried once more, unless its failure is final. */
export const BROWSER_CACHE: ClientOptions = {
  staleTime: 10_000,
  retry: (failures, error) => failures < 1 && !final(error),
};

/**
 * A query of one API route: its key, how the browser fetches it, and (in `meta.url`) the address
 * the server asks when it prefetches the same query for a page's first paint.
 */
export function routeQuery<T>(queryKey: QueryKey, url: string): QueryOptions<T> {
  return { queryKey, queryFn: () => api<T>(url), meta: { url } };
}
