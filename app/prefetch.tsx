import 'server-only';
import { headers } from 'next/headers';
import { NextRequest } from 'next/server';
import type { ReactNode } from 'react';
import { HydrationBoundary } from '@/data/cache/hooks';
import { QueryClient, type QueryKey } from '@/data/cache/store';
import { env } from '@/lib/config/env';

// Each route names its own parameters; the pattern below supplies them by name.
type Handler = (req: NextRequest, context: { params: Promise<never> }) => Promise<Response>;

/**
 * The GET routes a page may ask for its first paint, by address pattern. A page's data comes from
 * the very handler the browser would call — same permission check, same answer schema — run in
 * the page's own request instead of over the network.
 */
const ROUTES: [pattern: string, load: () => Promise<{ GET: Handler }>][] = [
  ['/api/users', () => import('./api/users/route')],
  ['/api/users/:id', () => import('./api/users/[id]/route')],
  ['/api/me', () => import('./api/me/route')],
  ['/api/me/usage', () => import('./api/me/usage/route')],
  ['/api/me/buckets/:name/objects', () => import('./api/me/buckets/[name]/objects/route')],
  ['/api/buckets/:name/objects', () => import('./api/buckets/[name]/objects/route')],
  ['/api/buckets', () => import('./api/buckets/route')],
  ['/api/buckets/:name', () => import('./api/buckets/[name]/route')],
  ['/api/plans', () => import('./api/plans/route')],
  ['/api/staff', () => import('./api/staff/route')],
  ['/api/tokens', () => import('./api/tokens/route')],
  ['/api/audit', () => import('./api/audit/route')],
  ['/api/settings/quotas', () => import('./api/settings/quotas/route')],
  ['/api/usage', () => import('./api/usage/route')],
  ['/api/usage/jobs/:kind', () => import('./api/usage/jobs/[kind]/route')],
  ['/api/usage/statistics', () => import('./api/usage/statistics/route')],
];

/** A slow gateway must not hold a page back: past this, the browser loads that part itself. */
const WAIT_MS = 4_000;

/** The route serving an address, and the parameters its pattern names. */
export function matchRoute(pathname: string): { load: () => Promise<{ GET: Handler }>; params: Record<string, string> } | null {
  const parts = pathname.split('/');
  for (const [pattern, load] of ROUTES) {
    const want = pattern.split('/');
    if (want.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const fits = want.every((w, i) => {
      if (!w.startsWith(':')) return w === parts[i];
      if (parts[i] === '') return false;
      params[w.slice(1)] = decodeURIComponent(parts[i]);
      return true;
    });
    if (fits) return { load, params };
  }
  return null;
}

interface RouteQuery {
  queryKey: QueryKey;
  meta?: Record<string, unknown>;
  initialPageParam?: unknown;
}

const timeout = (ms: number) => new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms).unref?.());

/**
 * The data of a page's first paint: each query is answered on the server by its route's handler
 * and handed to the browser's cache, so the page paints with its rows rather than a skeleton. A
 * query the route refuses or that takes too long is left out: the browser asks for it, and shows
 * its loading and error states, as it would without this.
 */
export class Prefetch {
  readonly client = new QueryClient();

  /** Answers one query (an infinite query gets its first page); resolves to its data, or undefined. */
  async query<T = unknown>(query: RouteQuery): Promise<T | undefined> {
    const url = query.meta?.url;
    if (typeof url !== 'string') return undefined;
    const data = await Promise.race([this.ask(url), timeout(WAIT_MS)]);
    if (data === undefined) return undefined;
    this.client.setQueryData(query.queryKey, 'initialPageParam' in query ? { pages: [data], pageParams: [query.initialPageParam] } : data);
    return data as T;
  }

  /** Several queries at once. */
  all(...queries: RouteQuery[]): Promise<unknown[]> {
    return Promise.all(queries.map((q) => this.query(q)));
  }

  private async ask(url: string): Promise<unknown> {
    const address = new URL(url, env().NEXTAUTH_URL);
    const route = matchRoute(address.pathname);
    if (!route) throw new Error(`No route is registered for prefetching ${address.pathname}.`);
    try {
      const { GET } = await route.load();
      const response = await GET(new NextRequest(address, { headers: await headers() }), { params: Promise.resolve(route.params) as Promise<never> });
      return response.ok ? await response.json() : undefined;
    } catch {
      return undefined;
    }
  }
}

/** Hands the prefetched data to the browser's query cache. */
export function Prefetched({ prefetch, children }: { prefetch: Prefetch; children: ReactNode }) {
  return <HydrationBoundary state={prefetch.client.dehydrate()}>{children}</HydrationBoundary>;
}

/** The page `children` with the data of `queries` for its first paint. */
export async function withData(queries: RouteQuery[], children: ReactNode) {
  const prefetch = new Prefetch();
  await prefetch.all(...queries);
  return <Prefetched prefetch={prefetch}>{children}</Prefetched>;
}

/** A page's search parameters as `URLSearchParams` (a repeated name keeps its first value). */
export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function searchOf(searchParams: SearchParams): Promise<URLSearchParams> {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(await searchParams)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (first !== undefined) out.set(k, first);
  }
  return out;
}
