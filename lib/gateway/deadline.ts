import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * One time budget for everything a console request asks of the gateway, retries included: a
 * page waits at most this long, whatever the number of calls and tries behind it. Outside a
 * request (a background job) each call has a budget of its own.
 */
const storage = new AsyncLocalStorage<{ endsAt: number }>();

export const withGatewayDeadline = <T>(ms: number, fn: () => Promise<T>): Promise<T> => storage.run({ endsAt: Date.now() + ms }, fn);

/** When the current request's budget ends, if it has one. */
export const requestDeadline = (): number | null => storage.getStore()?.endsAt ?? null;
