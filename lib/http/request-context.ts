import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';

/** What the console's own server (server/index.mjs) knows of a request and Next does not pass on. */
export interface RequestContext {
  /** The client's address: the connection's own, or as far as TRUSTED_PROXIES lets X-Forwarded-For say. */
  clientAddress: string;
}

const KEY = Symbol.for('staas-console.request-context');
const holder = globalThis as unknown as Record<symbol, AsyncLocalStorage<RequestContext> | undefined>;
const storage = (holder[KEY] ??= new AsyncLocalStorage<RequestContext>());

/** The address the current request comes from; 'unknown' outside a request of the console's server. */
export const clientAddress = (): string => storage.getStore()?.clientAddress ?? 'unknown';

/** Runs `fn` as part of a request from `address` (the server does this; so do tests). */
export const withRequestContext = <T>(context: RequestContext, fn: () => T): T => storage.run(context, fn);

/** Whether the console runs behind its own server, which alone knows the connection's address. */
export const underConsoleServer = () => holder[Symbol.for('staas-console.server')] === (true as never);
