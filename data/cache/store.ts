/**
 * The browser's cache of API answers, without React: one entry per query key, each fetched once at
 * a time, kept fresh for a while, refreshed when a change makes it stale, and handed over from the
 * server's first paint. The hooks in `./hooks.tsx` show it to components.
 *
 * It is the part of TanStack Query the console used, written for the console: the same names and
 * the same behaviour, in 2.6 KiB gzipped of every page's first load where TanStack Query took about
 * 16 (docs/architecture.md, "The browser's query cache").
 */

export type QueryKey = readonly unknown[];

export interface QueryOptions<T> {
  queryKey: QueryKey;
  queryFn: () => Promise<T>;
  /** `meta.url`: the address the server asks for the same data for a page's first paint. */
  meta?: { url?: string };
}

export interface InfiniteQueryOptions<P, Param = unknown> {
  queryKey: QueryKey;
  queryFn: (context: { pageParam: Param }) => Promise<P>;
  initialPageParam: Param;
  /** The next page's parameter, or undefined when `last` is the last page. */
  getNextPageParam: (last: P) => Param | undefined;
  meta?: { url?: string };
}

export interface QueryState<T> {
  data: T | undefined;
  error: Error | null;
  /** When `data` was last fetched (epoch ms); 0 before. */
  dataUpdatedAt: number;
  /** `pending` until the first answer or failure; a failed refresh of shown data is `error` with the data kept. */
  status: 'pending' | 'error' | 'success';
  fetching: boolean;
  /** An infinite query is fetching its next page (not refreshing those it has). */
  fetchingNext: boolean;
}

export interface Pages<P> {
  pages: P[];
  pageParams: unknown[];
}

/** How a query fetches: given what it holds (an infinite query refreshes every page it has), what it holds next. */
export type Loader<T> = (held: T | undefined) => Promise<T>;

export interface ClientOptions {
  /** How long an answer counts as fresh: a view mounted within it shows the answer without asking again. */
  staleTime?: number;
  /** Whether to try again after `failures` failed tries (the next after 1 s, then 2 s, 4 s…). */
  retry?: (failures: number, error: Error) => boolean;
  /** How long an answer no view shows is kept: 5 minutes in the browser; for ever on the server, whose client lives for one page. */
  gcTime?: number;
}

/** What the server hands the browser's cache: the answers of a page's first paint. */
export interface Dehydrated {
  queries: { queryKey: QueryKey; data: unknown; dataUpdatedAt: number }[];
}

/** An infinite query's refresh: its pages fetched again from the first, as many as it holds (one at least). */
export function refreshPages<P, Param>({ queryFn, initialPageParam, getNextPageParam }: InfiniteQueryOptions<P, Param>): Loader<Pages<P>> {
  return async (held) => {
    const pages: P[] = [];
    const pageParams: Param[] = [];
    let param: Param | undefined = initialPageParam;
    while (param != null && pages.length < Math.max(1, held?.pages.length ?? 0)) {
      pages.push(await queryFn({ pageParam: param }));
      pageParams.push(param);
      param = getNextPageParam(pages[pages.length - 1]);
    }
    return { pages, pageParams };
  };
}

/** The parameter of the page after those held; undefined when the last one held is the last. */
export function nextPageParam<P, Param>({ getNextPageParam }: InfiniteQueryOptions<P, Param>, held: Pages<P> | undefined): Param | undefined {
  const last = held?.pages[held.pages.length - 1];
  return last === undefined ? undefined : (getNextPageParam(last) ?? undefined);
}

/** Fetches the page of `param` and adds it to those held. */
export function nextPage<P, Param>({ queryFn }: InfiniteQueryOptions<P, Param>, param: Param): Loader<Pages<P>> {
  return async (held) => {
    const page = await queryFn({ pageParam: param });
    return { pages: [...(held?.pages ?? []), page], pageParams: [...(held?.pageParams ?? []), param] };
  };
}

const isPlain = (v: unknown): v is Record<string, unknown> => Object.prototype.toString.call(v) === '[object Object]';

/** A key as text: objects with their properties sorted, so `{a, b}` and `{b, a}` name one query. */
export function hashKey(key: QueryKey): string {
  return JSON.stringify(key, (_, v) => (isPlain(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v));
}

/** Whether `filter` names `key`: each of its parts in place, objects by the properties they give (`['users']` names every users query). */
export function matchesKey(key: unknown, filter: unknown): boolean {
  if (key === filter) return true;
  if (typeof key !== 'object' || typeof filter !== 'object' || key === null || filter === null) return false;
  return Object.keys(filter).every((k) => matchesKey((key as Record<string, unknown>)[k], (filter as Record<string, unknown>)[k]));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const toError = (caught: unknown) => (caught instanceof Error ? caught : new Error(String(caught)));

export class Query<T = unknown> {
  state: QueryState<T> = { data: undefined, error: null, dataUpdatedAt: 0, status: 'pending', fetching: false, fetchingNext: false };
  /** A change made the answer stale: the next view to show it asks again. */
  invalidated = false;
  /** How the views showing it fetch it (the latest one rendered). */
  loader: Loader<T> | null = null;
  private listeners = new Set<() => void>();
  /** Views that show it and may fetch it (a dialog's query, while the dialog is shut, does not count). */
  private views = 0;
  /** The latest fetch: an earlier one's answer, overtaken by a change, is dropped. */
  private run = 0;
  private current: Promise<void> | null = null;
  private gcTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly client: QueryClient,
    readonly queryKey: QueryKey,
    readonly hash: string,
  ) {
    this.scheduleGc();
  }

  readonly getState = () => this.state;

  setLoader(load: Loader<T>) {
    this.loader = load;
  }

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    clearTimeout(this.gcTimer);
    return () => {
      this.listeners.delete(listener);
      this.scheduleGc();
    };
  };

  get observed() {
    return this.listeners.size > 0;
  }

  get shown() {
    return this.views > 0;
  }

  /** A view shows it, enabled: a change refreshes it at once. Returns the view's leaving. */
  show(): () => void {
    this.views++;
    return () => void this.views--;
  }

  isStale(staleTime: number) {
    return this.state.data === undefined || this.invalidated || Date.now() - this.state.dataUpdatedAt >= staleTime;
  }

  set(patch: Partial<QueryState<T>>) {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  setData(data: T, at = Date.now()) {
    this.invalidated = false;
    this.set({ data, error: null, status: 'success', dataUpdatedAt: at });
  }

  /**
   * Fetches with `load` (the views' loader by default). A fetch under way is joined, unless
   * `overtake`: then it is started again and the earlier answer dropped, so that what a change
   * refreshes is never an answer asked for before the change.
   */
  fetch({ load = this.loader, overtake = false, next = false }: { load?: Loader<T> | null; overtake?: boolean; next?: boolean } = {}): Promise<void> {
    if (!load) return Promise.resolve();
    // A next page asked for during a refresh is fetched after it, onto the refreshed pages.
    if (this.current && !overtake) return next ? this.current.then(() => this.fetch({ load, next })) : this.current;
    const run = ++this.run;
    this.set({ fetching: true, fetchingNext: next });
    const done = (patch: Partial<QueryState<T>>) => run === this.run && this.set({ ...patch, fetching: false, fetchingNext: false });
    const attempt = async (failures: number): Promise<void> => {
      try {
        const data = await load(this.state.data);
        if (run !== this.run) return;
        this.invalidated = false;
        done({ data, error: null, status: 'success', dataUpdatedAt: Date.now() });
      } catch (caught) {
        const error = toError(caught);
        if (run !== this.run) return;
        if (this.client.retry(failures, error)) {
          await sleep(1000 * 2 ** failures);
          if (run === this.run) return attempt(failures + 1);
          return;
        }
        done({ error, status: 'error' });
      }
    };
    const promise = attempt(0).finally(() => {
      if (this.current === promise) this.current = null;
    });
    this.current = promise;
    return promise;
  }

  /** A change made it stale: fetched again now if a view shows it (or it is being fetched), else when one does. */
  invalidate(): Promise<void> {
    this.invalidated = true;
    return this.shown || this.current ? this.fetch({ overtake: true }) : Promise.resolve();
  }

  private scheduleGc() {
    if (this.observed || this.client.gcTime === Infinity) return;
    clearTimeout(this.gcTimer);
    this.gcTimer = setTimeout(() => this.client.forget(this), this.client.gcTime);
  }
}

export class QueryClient {
  readonly staleTime: number;
  readonly gcTime: number;
  readonly retry: (failures: number, error: Error) => boolean;
  private queries = new Map<string, Query>();

  constructor({ staleTime = 0, retry = () => false, gcTime = typeof window === 'undefined' ? Infinity : 5 * 60_000 }: ClientOptions = {}) {
    this.staleTime = staleTime;
    this.gcTime = gcTime;
    this.retry = retry;
  }

  /** The query of `queryKey`, made when first asked for. */
  query<T>(queryKey: QueryKey): Query<T> {
    const hash = hashKey(queryKey);
    let query = this.queries.get(hash);
    if (!query) this.queries.set(hash, (query = new Query(this, queryKey, hash)));
    return query as Query<T>;
  }

  /** The connection is back: every query a view shows that is stale (or failed) is fetched again. */
  refreshShown(): Promise<void> {
    const shown = [...this.queries.values()].filter((q) => q.shown && (q.isStale(this.staleTime) || q.state.status === 'error'));
    return Promise.all(shown.map((q) => q.fetch())).then(() => undefined);
  }

  getQueryData<T>(queryKey: QueryKey): T | undefined {
    return this.queries.get(hashKey(queryKey))?.state.data as T | undefined;
  }

  setQueryData<T>(queryKey: QueryKey, data: T) {
    this.query<T>(queryKey).setData(data);
  }

  /** Marks every query `queryKey` names stale and refreshes those shown; resolves when they are. */
  async invalidateQueries({ queryKey }: { queryKey: QueryKey }): Promise<void> {
    const named = [...this.queries.values()].filter((q) => matchesKey(q.queryKey, queryKey));
    await Promise.all(named.map((q) => q.invalidate()));
  }

  /** The answers held, for the browser's cache (the server's first paint). */
  dehydrate(): Dehydrated {
    return { queries: [...this.queries.values()].filter((q) => q.state.status === 'success').map((q) => ({ queryKey: q.queryKey, data: q.state.data, dataUpdatedAt: q.state.dataUpdatedAt })) };
  }

  /**
   * Takes the server's answers that are newer than those held. `onlyNew` takes only those of
   * queries not held yet: nothing shows them, so taking them tells no view (safe while rendering).
   */
  hydrate({ queries }: Dehydrated, { onlyNew = false } = {}) {
    for (const { queryKey, data, dataUpdatedAt } of queries) {
      const held = this.queries.get(hashKey(queryKey));
      if (held ? onlyNew || held.state.dataUpdatedAt >= dataUpdatedAt : false) continue;
      this.query(queryKey).setData(data, dataUpdatedAt);
    }
  }

  forget(query: { hash: string; observed: boolean }) {
    if (!query.observed && (this.queries.get(query.hash) as unknown) === query) this.queries.delete(query.hash);
  }
}

export interface MutationOptions<V, R> {
  mutationFn: (variables: V) => Promise<R>;
  onSuccess?: (result: R, variables: V) => unknown;
  onError?: (error: Error, variables: V) => unknown;
  /** Awaited (a refresh of what the change made stale) before the change counts as done. */
  onSettled?: (result: R | undefined, error: Error | null, variables: V) => unknown;
}

/** What one call of `mutate` does once the change is done, if a view still shows the mutation. */
export type MutateCallbacks<V, R> = Pick<MutationOptions<V, R>, 'onSuccess' | 'onError' | 'onSettled'>;

export interface MutationState<V, R> {
  status: 'idle' | 'pending' | 'success' | 'error';
  data: R | undefined;
  error: Error | null;
  variables: V | undefined;
}

const IDLE = { status: 'idle', data: undefined, error: null, variables: undefined } as const;

/**
 * One change a view can make, and how its latest call went. The options' callbacks run, and are
 * awaited, before the call's own: a form closed in its `onSuccess` shows the refreshed data. A
 * call overtaken by another (or by `reset`) no longer changes the state or calls back.
 */
export class Mutation<V, R> {
  state: MutationState<V, R> = IDLE;
  private listeners = new Set<() => void>();
  private run = 0;

  constructor(private options: MutationOptions<V, R>) {}

  setOptions(options: MutationOptions<V, R>) {
    this.options = options;
  }

  readonly getState = () => this.state;

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  private set(state: MutationState<V, R>) {
    this.state = state;
    for (const listener of this.listeners) listener();
  }

  readonly reset = () => {
    this.run++;
    this.set(IDLE);
  };

  readonly mutateAsync = async (variables: V, callbacks: MutateCallbacks<V, R> = {}): Promise<R> => {
    const run = ++this.run;
    const o = this.options;
    this.set({ status: 'pending', data: undefined, error: null, variables });
    const latest = () => run === this.run;
    let result: R;
    try {
      result = await o.mutationFn(variables);
      await o.onSuccess?.(result, variables);
      await o.onSettled?.(result, null, variables);
    } catch (caught) {
      const error = toError(caught);
      await o.onError?.(error, variables);
      await o.onSettled?.(undefined, error, variables);
      if (latest()) {
        this.set({ status: 'error', data: undefined, error, variables });
        if (this.listeners.size) {
          callbacks.onError?.(error, variables);
          callbacks.onSettled?.(undefined, error, variables);
        }
      }
      throw error;
    }
    if (latest()) {
      this.set({ status: 'success', data: result, error: null, variables });
      if (this.listeners.size) {
        callbacks.onSuccess?.(result, variables);
        callbacks.onSettled?.(result, null, variables);
      }
    }
    return result;
  };

  /** `mutateAsync` for a caller that shows failures through the state (or the options' `onError`). */
  readonly mutate = (variables: V, callbacks?: MutateCallbacks<V, R>) => {
    this.mutateAsync(variables, callbacks).catch(() => undefined);
  };
}
