'use client';

/**
 * The cache (`./store.ts`) as React hooks: `useQuery`, `useInfiniteQuery`, `useMutation`, with the
 * names and results of TanStack Query's, for the options the console uses.
 */
import { createContext, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { Mutation, type Dehydrated, type InfiniteQueryOptions, type MutationOptions, type MutationState, type Pages, type Query, type QueryClient, type QueryKey, type QueryOptions, nextPage, nextPageParam, refreshPages } from './store';

const ClientContext = createContext<QueryClient | null>(null);

export function QueryClientProvider({ client, children }: { client: QueryClient; children: ReactNode }) {
  // Back online, what the page shows is asked for again rather than left failed.
  useEffect(() => {
    const back = () => void client.refreshShown();
    window.addEventListener('online', back);
    return () => window.removeEventListener('online', back);
  }, [client]);
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

export function useQueryClient(): QueryClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useQueryClient needs a QueryClientProvider above it.');
  return client;
}

/** Puts the server's answers (a page's first paint) in the cache before the page's views ask for them. */
export function HydrationBoundary({ state, children }: { state: Dehydrated; children: ReactNode }) {
  const client = useQueryClient();
  // Queries the cache lacks are taken at once, so the first render shows them; newer answers for
  // queries already shown are taken after it, as taking them tells their views.
  useMemo(() => client.hydrate(state, { onlyNew: true }), [client, state]);
  useEffect(() => client.hydrate(state), [client, state]);
  return children;
}

interface ViewOptions<T> {
  /** False: the query is not fetched (a dialog's data, until it opens). */
  enabled?: boolean;
  /** Asks again every so many ms while it returns a number. */
  refetchInterval?: number | false | ((query: Query<T>) => number | false);
}

/** While another key's answer is on its way, show the previous key's (a list's next page). */
export const keepPreviousData = Symbol('keepPreviousData');

interface Common {
  error: Error | null;
  isFetching: boolean;
  dataUpdatedAt: number;
  isPlaceholderData: boolean;
  refetch: () => Promise<void>;
}

/** What a view shows of a query; `isPending` and `isError && !data` narrow `data` to the answer. */
export type QueryResult<T> = Common &
  (
    | { status: 'pending'; isPending: true; isError: false; isSuccess: false; data: undefined }
    | { status: 'error'; isPending: false; isError: true; isSuccess: false; data: undefined }
    | { status: 'error'; isPending: false; isError: true; isSuccess: false; data: T }
    | { status: 'success'; isPending: false; isError: false; isSuccess: true; data: T }
  );

/** The query of `queryKey`, fetched with `load` when a view shows it and it is not fresh. */
function useObservedQuery<T>(queryKey: QueryKey, load: (held: T | undefined) => Promise<T>, { enabled = true, refetchInterval }: ViewOptions<T>) {
  const client = useQueryClient();
  const query = client.query<T>(queryKey);
  // The latest render's way to fetch, for refreshes started elsewhere (a change that invalidates it).
  useEffect(() => {
    query.setLoader(load);
  });
  const state = useSyncExternalStore(query.subscribe, query.getState, query.getState);
  useEffect(() => {
    if (!enabled) return;
    if (query.isStale(client.staleTime)) void query.fetch({ load });
    return query.show();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- fetched when the query or `enabled` changes, with that render's loader
  }, [client, query, enabled]);
  const every = typeof refetchInterval === 'function' ? refetchInterval(query) : refetchInterval;
  useEffect(() => {
    if (!enabled || !every) return;
    const timer = setInterval(() => void query.fetch(), every);
    return () => clearInterval(timer);
  }, [query, enabled, every]);
  return { query, state, refetch: () => query.fetch({ load, overtake: true }) };
}

function resultOf<T>(state: Query<T>['state'], refetch: () => Promise<void>, placeholder?: T): QueryResult<T> {
  const common = { error: state.error, isFetching: state.fetching, dataUpdatedAt: state.dataUpdatedAt, refetch };
  if (state.status === 'error') return { ...common, status: 'error', isPending: false, isError: true, isSuccess: false, isPlaceholderData: false, data: state.data as T };
  if (state.status === 'success') return { ...common, status: 'success', isPending: false, isError: false, isSuccess: true, isPlaceholderData: false, data: state.data as T };
  if (placeholder !== undefined) return { ...common, status: 'success', isPending: false, isError: false, isSuccess: true, isPlaceholderData: true, data: placeholder };
  return { ...common, status: 'pending', isPending: true, isError: false, isSuccess: false, isPlaceholderData: false, data: undefined };
}

export function useQuery<T>(options: QueryOptions<T> & ViewOptions<T> & { placeholderData?: typeof keepPreviousData }): QueryResult<T> {
  const { query, state, refetch } = useObservedQuery<T>(options.queryKey, () => options.queryFn(), options);
  // The last query this view showed an answer of, for `keepPreviousData` while the next one loads.
  const [shown, setShown] = useState(query);
  if (state.data !== undefined && shown !== query) setShown(query);
  const placeholder = options.placeholderData === keepPreviousData && shown !== query ? shown.state.data : undefined;
  return resultOf(state, refetch, placeholder);
}

/** A query answered in pages (the audit log): each refresh fetches again every page it holds. */
export function useInfiniteQuery<P, Param = unknown>(options: InfiniteQueryOptions<P, Param> & ViewOptions<Pages<P>>) {
  const { query, state, refetch } = useObservedQuery<Pages<P>>(options.queryKey, refreshPages(options), options);
  const next = nextPageParam(options, state.data);
  const fetchNextPage = () => (next === undefined ? Promise.resolve() : query.fetch({ next: true, load: nextPage(options, next) }));
  return { ...resultOf(state, refetch), hasNextPage: next !== undefined, isFetchingNextPage: state.fetchingNext, fetchNextPage };
}

export type MutationResult<V, R> = MutationState<V, R> &
  Pick<Mutation<V, R>, 'mutate' | 'mutateAsync' | 'reset'> & { isIdle: boolean; isPending: boolean; isError: boolean; isSuccess: boolean };

export function useMutation<V = void, R = unknown>(options: MutationOptions<V, R>): MutationResult<V, R> {
  const [mutation] = useState(() => new Mutation(options));
  useEffect(() => {
    mutation.setOptions(options);
  });
  const state = useSyncExternalStore(mutation.subscribe, mutation.getState, mutation.getState);
  const { mutate, mutateAsync, reset } = mutation;
  return { ...state, mutate, mutateAsync, reset, isIdle: state.status === 'idle', isPending: state.status === 'pending', isError: state.status === 'error', isSuccess: state.status === 'success' };
}
