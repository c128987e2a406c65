import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiClientError } from '../api-error';
import { BROWSER_CACHE } from '../query';
import { hashKey, matchesKey, Mutation, nextPage, nextPageParam, QueryClient, refreshPages, type InfiniteQueryOptions, type Pages } from './store';

/** A promise settled from outside, to hold an answer back until a test lets it go. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** A cache as the browser's (fresh for 10 s, one retry but never after a refusal or a gateway timeout). */
const consoleClient = (options: { gcTime?: number } = {}) => new QueryClient({ ...BROWSER_CACHE, ...options });

/** A view showing the query, enabled: what makes a change refresh it at once. */
function show(client: QueryClient, key: readonly unknown[]) {
  const query = client.query(key);
  const unsubscribe = query.subscribe(() => undefined);
  const leave = query.show();
  return () => (leave(), unsubscribe());
}

afterEach(() => {
  vi.useRealTimers();
});

describe('query keys', () => {
  it('name one query whatever the order of an object’s properties', () => {
    expect(hashKey(['users', 'list', { q: 'a', page: '2' }])).toBe(hashKey(['users', 'list', { page: '2', q: 'a' }]));
    expect(hashKey(['users', 'list', { q: 'a' }])).not.toBe(hashKey(['users', 'list', { q: 'b' }]));
  });

  it('are named by their first parts, and objects by the properties given', () => {
    expect(matchesKey(['users', 'list', { q: 'a' }], ['users'])).toBe(true);
    expect(matchesKey(['users', 'list', { q: 'a', page: '1' }], ['users', 'list', { q: 'a' }])).toBe(true);
    expect(matchesKey(['users', 'detail', 'u1'], ['users', 'list'])).toBe(false);
    expect(matchesKey(['users'], ['users', 'list'])).toBe(false);
    expect(matchesKey(['buckets', 'list'], ['users'])).toBe(false);
    expect(matchesKey(['users', 'list', { q: 'a' }], ['users', 'list', { q: 'b' }])).toBe(false);
  });
});

describe('a query', () => {
  it('is fetched once however many views ask at the same time', async () => {
    const client = consoleClient();
    const load = vi.fn(async () => ({ n: 1 }));
    const query = client.query<{ n: number }>(['x']);
    await Promise.all([query.fetch({ load }), query.fetch({ load }), query.fetch({ load })]);
    expect(load).toHaveBeenCalledTimes(1);
    expect(query.state).toMatchObject({ status: 'success', data: { n: 1 }, error: null, fetching: false });
    expect(query.state.dataUpdatedAt).toBeGreaterThan(0);
  });

  it('is fresh for the stale time, and stale when a change invalidates it', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const client = consoleClient();
    const query = client.query(['x']);
    expect(query.isStale(client.staleTime)).toBe(true);
    await query.fetch({ load: async () => 1 });
    expect(query.isStale(client.staleTime)).toBe(false);
    vi.setSystemTime(1_000_000 + 10_000);
    expect(query.isStale(client.staleTime)).toBe(true);
    await query.fetch({ load: async () => 2 });
    await client.invalidateQueries({ queryKey: ['x'] });
    expect(query.isStale(client.staleTime)).toBe(true);
  });

  it('tries a failed fetch once more after a second, then shows the failure', async () => {
    vi.useFakeTimers();
    const client = consoleClient();
    const query = client.query(['x']);
    const load = vi.fn(async () => {
      throw new ApiClientError(503, 'unavailable', 'The gateway is not answering.');
    });
    const done = query.fetch({ load });
    await vi.advanceTimersByTimeAsync(999);
    expect(load).toHaveBeenCalledTimes(1);
    expect(query.state).toMatchObject({ status: 'pending', fetching: true });
    await vi.advanceTimersByTimeAsync(1);
    await done;
    expect(load).toHaveBeenCalledTimes(2);
    expect(query.state).toMatchObject({ status: 'error', fetching: false, data: undefined });
    expect(query.state.error?.message).toBe('The gateway is not answering.');
  });

  it('does not ask again after a refusal, which would not change', async () => {
    const client = consoleClient();
    const query = client.query(['x']);
    const load = vi.fn(async () => {
      throw new ApiClientError(404, 'not_found', 'No such user.');
    });
    await query.fetch({ load });
    expect(load).toHaveBeenCalledTimes(1);
    expect(query.state.status).toBe('error');
  });

  it('does not ask again after the gateway did not answer in time: the server spent the whole deadline on it', async () => {
    const client = consoleClient();
    const query = client.query(['x']);
    const load = vi.fn(async () => {
      throw new ApiClientError(504, 'gateway_timeout', 'The gateway did not answer in time: 2 tries in 8.0 s.');
    });
    await query.fetch({ load });
    expect(load).toHaveBeenCalledTimes(1);
    expect(query.state.error?.message).toMatch(/did not answer in time/);
  });

  it('keeps what it showed, and when it was loaded, when a refresh fails', async () => {
    const client = consoleClient();
    const query = client.query(['x']);
    await query.fetch({ load: async () => 'rows' });
    const at = query.state.dataUpdatedAt;
    await query.fetch({
      load: async () => {
        throw new ApiClientError(400, 'bad', 'Refused.');
      },
    });
    expect(query.state).toMatchObject({ status: 'error', data: 'rows', dataUpdatedAt: at });
    await query.fetch({ load: async () => 'new rows' });
    expect(query.state).toMatchObject({ status: 'success', data: 'new rows', error: null });
  });

  it('drops an answer asked for before a change: the refresh the change starts wins', async () => {
    const client = consoleClient();
    const query = client.query<string>(['users', 'detail', 'u1']);
    const stop = show(client, ['users', 'detail', 'u1']);
    const before = deferred<string>();
    const after = deferred<string>();
    query.setLoader(() => after.promise);
    void query.fetch({ load: () => before.promise });
    const refreshed = client.invalidateQueries({ queryKey: ['users'] });
    after.resolve('after the change');
    await refreshed;
    before.resolve('before the change');
    await new Promise((r) => setTimeout(r, 0));
    expect(query.state).toMatchObject({ status: 'success', data: 'after the change', fetching: false });
    stop();
  });

  it('is refreshed by a change at once when a view shows it, else when one next does', async () => {
    const client = consoleClient();
    const shown = client.query<number>(['users', 'list', { page: '1' }]);
    const hidden = client.query<number>(['users', 'detail', 'u1']);
    const other = client.query<number>(['buckets', 'list']);
    let n = 0;
    for (const q of [shown, hidden, other]) {
      q.setLoader(async () => ++n);
      await q.fetch();
    }
    const stop = show(client, ['users', 'list', { page: '1' }]);
    show(client, ['buckets', 'list']);
    await client.invalidateQueries({ queryKey: ['users'] });
    expect(shown.state.data).toBe(4);
    expect(hidden.state.data).toBe(2);
    expect(hidden.isStale(client.staleTime)).toBe(true);
    expect(other.state.data).toBe(3);
    expect(other.isStale(client.staleTime)).toBe(false);
    stop();
  });

  it('is not fetched by a change while its only view has it disabled (a shut dialog’s query)', async () => {
    const client = consoleClient();
    const query = client.query<number>(['usage', 'trace', { day: '' }]);
    const load = vi.fn(async () => 1);
    query.setLoader(load);
    const unsubscribe = query.subscribe(() => undefined);
    await client.invalidateQueries({ queryKey: ['usage'] });
    expect(load).not.toHaveBeenCalled();
    expect(query.isStale(client.staleTime)).toBe(true);
    const leave = query.show();
    await client.invalidateQueries({ queryKey: ['usage'] });
    expect(load).toHaveBeenCalledTimes(1);
    leave();
    unsubscribe();
  });

  it('is asked for again when the connection comes back, if a view shows it and it failed or is stale', async () => {
    const client = consoleClient();
    const failed = client.query<number>(['users', 'detail', 'u1']);
    const fresh = client.query<number>(['plans']);
    const hidden = client.query<number>(['buckets', 'list']);
    failed.setLoader(async () => {
      throw new ApiClientError(0, 'offline', 'The console cannot be reached.');
    });
    await failed.fetch();
    const loads = { failed: vi.fn(async () => 1), fresh: vi.fn(async () => 2), hidden: vi.fn(async () => 3) };
    failed.setLoader(loads.failed);
    fresh.setLoader(loads.fresh);
    hidden.setLoader(loads.hidden);
    await fresh.fetch();
    const leave = [failed.show(), fresh.show()];
    await client.refreshShown();
    expect(loads.failed).toHaveBeenCalledTimes(1);
    expect(failed.state).toMatchObject({ status: 'success', data: 1 });
    expect(loads.fresh).toHaveBeenCalledTimes(1);
    expect(loads.hidden).not.toHaveBeenCalled();
    for (const l of leave) l();
  });

  it('is set and read by key', () => {
    const client = consoleClient();
    client.setQueryData(['usage', 'job', 'collect'], { job: null });
    expect(client.getQueryData(['usage', 'job', 'collect'])).toEqual({ job: null });
    expect(client.query(['usage', 'job', 'collect']).state.status).toBe('success');
    expect(client.getQueryData(['usage', 'job', 'sample'])).toBeUndefined();
  });

  it('is forgotten a while after the last view stops showing it, not while one does', async () => {
    vi.useFakeTimers();
    const client = consoleClient({ gcTime: 60_000 });
    client.setQueryData(['a'], 1);
    const stop = show(client, ['a']);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(client.getQueryData(['a'])).toBe(1);
    stop();
    await vi.advanceTimersByTimeAsync(59_000);
    expect(client.getQueryData(['a'])).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(client.getQueryData(['a'])).toBeUndefined();
  });

  it('is kept for the life of a server’s client (one page), which sets no timer', () => {
    vi.useFakeTimers();
    const client = new QueryClient();
    client.setQueryData(['a'], 1);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('the first paint’s answers', () => {
  it('go from the server to the browser’s cache: answered queries only', async () => {
    const server = new QueryClient();
    server.setQueryData(['users', 'detail', 'u1'], { email: 'a@example.com' });
    await server.query(['users', 'list']).fetch({
      load: async () => {
        throw new Error('refused');
      },
    });
    const state = server.dehydrate();
    expect(state.queries.map((q) => q.queryKey)).toEqual([['users', 'detail', 'u1']]);
    const browser = consoleClient();
    browser.hydrate(JSON.parse(JSON.stringify(state)));
    expect(browser.getQueryData(['users', 'detail', 'u1'])).toEqual({ email: 'a@example.com' });
    expect(browser.query(['users', 'detail', 'u1']).isStale(browser.staleTime)).toBe(false);
  });

  it('replace what the browser holds only when newer; while rendering, only what it lacks', () => {
    const browser = consoleClient();
    browser.query(['a']).setData('held', 2_000);
    browser.query(['b']).setData('held', 2_000);
    const state = {
      queries: [
        { queryKey: ['a'], data: 'older', dataUpdatedAt: 1_000 },
        { queryKey: ['b'], data: 'newer', dataUpdatedAt: 3_000 },
        { queryKey: ['c'], data: 'new', dataUpdatedAt: 3_000 },
      ],
    };
    browser.hydrate(state, { onlyNew: true });
    expect([browser.getQueryData(['a']), browser.getQueryData(['b']), browser.getQueryData(['c'])]).toEqual(['held', 'held', 'new']);
    browser.hydrate(state);
    expect([browser.getQueryData(['a']), browser.getQueryData(['b']), browser.getQueryData(['c'])]).toEqual(['held', 'newer', 'new']);
  });
});

describe('an infinite query (the audit log)', () => {
  /** Pages of three numbers, counting down from 9; the page parameter is where a page starts. */
  const log = (calls: number[]): InfiniteQueryOptions<number[], number> => ({
    queryKey: ['audit'],
    queryFn: async ({ pageParam }) => {
      calls.push(pageParam);
      return [pageParam, pageParam - 1, pageParam - 2].filter((n) => n > 0);
    },
    initialPageParam: 9,
    getNextPageParam: (last) => (last.length === 3 && last[2] > 1 ? last[2] - 1 : undefined),
  });

  it('adds the next page to those held, and knows when there is none', async () => {
    const calls: number[] = [];
    const options = log(calls);
    let held: Pages<number[]> = await refreshPages(options)(undefined);
    expect(held.pages).toEqual([[9, 8, 7]]);
    expect(nextPageParam(options, held)).toBe(6);
    held = await nextPage(options, 6)(held);
    held = await nextPage(options, 3)(held);
    expect(held).toEqual({ pages: [[9, 8, 7], [6, 5, 4], [3, 2, 1]], pageParams: [9, 6, 3] });
    expect(nextPageParam(options, held)).toBeUndefined();
    expect(nextPageParam(options, undefined)).toBeUndefined();
  });

  it('is refreshed whole: as many pages as it holds, from the first', async () => {
    const calls: number[] = [];
    const options = log(calls);
    const held = { pages: [[9, 8, 7], [6, 5, 4]], pageParams: [9, 6] };
    expect(await refreshPages(options)(held)).toEqual(held);
    expect(calls).toEqual([9, 6]);
  });

  it('fetches a next page asked for during a refresh after it, not instead of it', async () => {
    const client = consoleClient();
    const options = log([]);
    const query = client.query<Pages<number[]>>(['audit']);
    await query.fetch({ load: refreshPages(options) });
    const refresh = deferred<Pages<number[]>>();
    void query.fetch({ load: () => refresh.promise });
    const more = query.fetch({ next: true, load: nextPage(options, 6) });
    refresh.resolve({ pages: [[9, 8, 7]], pageParams: [9] });
    await more;
    expect(query.state.data?.pages).toEqual([
      [9, 8, 7],
      [6, 5, 4],
    ]);
    expect(query.state.fetchingNext).toBe(false);
  });
});

describe('a mutation', () => {
  it('runs its own callbacks, awaited, before the call’s: a form closes onto refreshed data', async () => {
    const order: string[] = [];
    const refreshed = deferred<void>();
    const mutation = new Mutation<string, number>({
      mutationFn: async (name) => name.length,
      onSuccess: () => void order.push('toast'),
      onSettled: async () => {
        order.push('refresh');
        await refreshed.promise;
        order.push('refreshed');
      },
    });
    const stop = mutation.subscribe(() => undefined);
    const call = mutation.mutateAsync('four', { onSuccess: (n) => void order.push(`close ${n}`), onSettled: () => void order.push('settled') });
    await new Promise((r) => setTimeout(r, 0));
    expect(mutation.state).toMatchObject({ status: 'pending', variables: 'four' });
    expect(order).toEqual(['toast', 'refresh']);
    refreshed.resolve();
    expect(await call).toBe(4);
    expect(order).toEqual(['toast', 'refresh', 'refreshed', 'close 4', 'settled']);
    expect(mutation.state).toMatchObject({ status: 'success', data: 4, error: null });
    stop();
  });

  it('shows a failure through its state: mutate does not throw, mutateAsync does', async () => {
    const seen: string[] = [];
    const mutation = new Mutation<void, never>({
      mutationFn: async () => {
        throw new ApiClientError(409, 'conflict', 'The bucket is not empty.');
      },
      onError: (e) => void seen.push(`toast ${e.message}`),
      onSettled: (_r, e) => void seen.push(`refresh after ${e?.message}`),
    });
    const stop = mutation.subscribe(() => undefined);
    mutation.mutate(undefined, { onError: () => void seen.push('call') });
    await new Promise((r) => setTimeout(r, 0));
    expect(mutation.state.status).toBe('error');
    expect(mutation.state.error?.message).toBe('The bucket is not empty.');
    expect(seen).toEqual(['toast The bucket is not empty.', 'refresh after The bucket is not empty.', 'call']);
    await expect(mutation.mutateAsync()).rejects.toThrow('The bucket is not empty.');
    stop();
  });

  it('forgets a call overtaken by reset or by another call: it no longer changes the state or calls back', async () => {
    const first = deferred<string>();
    const second = deferred<string>();
    const answers = [first.promise, second.promise];
    const mutation = new Mutation<number, string>({ mutationFn: () => answers.shift()! });
    const stop = mutation.subscribe(() => undefined);
    const calledBack: string[] = [];
    const a = mutation.mutateAsync(1, { onSuccess: (r) => void calledBack.push(r) });
    const b = mutation.mutateAsync(2, { onSuccess: (r) => void calledBack.push(r) });
    second.resolve('second');
    await b;
    first.resolve('first');
    await a;
    expect(mutation.state).toMatchObject({ status: 'success', data: 'second', variables: 2 });
    expect(calledBack).toEqual(['second']);
    const c = deferred<string>();
    answers.push(c.promise);
    const call = mutation.mutateAsync(3, { onSuccess: (r) => void calledBack.push(r) });
    mutation.reset();
    c.resolve('after reset');
    await call;
    expect(mutation.state.status).toBe('idle');
    expect(calledBack).toEqual(['second']);
    stop();
  });

  it('calls back a call only while a view shows the mutation', async () => {
    const mutation = new Mutation<void, string>({ mutationFn: async () => 'done' });
    const calledBack = vi.fn();
    await mutation.mutateAsync(undefined, { onSuccess: calledBack });
    expect(calledBack).not.toHaveBeenCalled();
    expect(mutation.state.status).toBe('success');
  });
});
