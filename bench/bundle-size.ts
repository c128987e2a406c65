/**
 * First-load JavaScript of every page, as a browser gets it: the scripts the page's HTML loads and
 * the chunks its React Server Components payload names (the client components' code, which the
 * browser fetches too before the page can hydrate; the console's error boundary is one), each
 * gzipped, summed. Checked against a browser once (the user, users and bucket pages): these are
 * exactly the scripts Chromium requests before the page's load event. Scripts marked `nomodule`
 * (Next's polyfills for browsers without ES modules, 39 KiB) are not counted: every browser that
 * runs React 19 supports modules and never downloads them. Needs a build (npm run build).
 *
 *   npx tsx bench/bundle-size.ts [--json]
 */
import zlib from 'node:zlib';
import { call, type KeyPair } from '../sim/testing/client';
import { startStack, type Session, type Stack } from './console-stack';

/** Every page of the console, as staff and as a customer sees it (`:user` and `:bucket` filled from the demo). */
const STAFF_PAGES = ['/sign-in', '/users', '/users/:user', '/buckets', '/buckets/:bucket', '/buckets/:bucket/objects', '/usage', '/usage/statistics', '/plans', '/audit', '/staff', '/tokens', '/api-docs', '/settings'];
const CUSTOMER_PAGES = ['/me', '/me/buckets/:bucket'];

export interface FirstLoad {
  /** The gzipped first-load JavaScript of every page, by path. */
  sizes: Record<string, number>;
  /**
   * What every page but sign-in loads first, gzipped: Next and React, the console's query cache
   * and its shell. The rest of a page's first load is its own (with the query hooks, which
   * the API reference page does without).
   */
  shared: number;
}

export async function firstLoadSizes(stack: Stack): Promise<FirstLoad> {
  const users = (await (await stack.get('/api/users?pageSize=25')).json()) as { items: { id: string; email: string }[] };
  const alice = users.items.find((u) => u.email === 'alice@example.com')!;
  const info = JSON.parse((await call(stack.simUrl, 'GET', `/?ostor-users&id=${alice.id}`, stack.systemKey as KeyPair)).text) as { AWSAccessKeys: { AWSAccessKeyId: string; AWSSecretAccessKey: string }[] };
  const customer = await stack.signIn('customer', { accessKeyId: info.AWSAccessKeys[0].AWSAccessKeyId, secretKey: info.AWSAccessKeys[0].AWSSecretAccessKey });
  const overview = await customer.get('/api/me');
  if (overview.status !== 200) throw new Error(`/api/me answered ${overview.status}: ${await overview.text()}`);
  const { buckets } = (await overview.json()) as { buckets: { name: string }[] };
  const fill = (p: string) => p.replace(':user', alice.id).replace(':bucket', buckets[0].name);
  const pages: [string, Session][] = [...STAFF_PAGES.map((p): [string, Session] => [fill(p), stack]), ...CUSTOMER_PAGES.map((p): [string, Session] => [fill(p), customer])];
  const cache = new Map<string, number>();
  const sizes: Record<string, number> = {};
  /** The scripts every page so far but sign-in loads. */
  let common: string[] | null = null;
  for (const [page, session] of pages) {
    const response = await session.get(page);
    if (response.status !== 200) throw new Error(`${page} answered ${response.status}`);
    const html = await response.text();
    const tags = [...html.matchAll(/<script[^>]+src="([^"?]+)[^"]*"[^>]*>/g)].map((m) => ({ src: m[1], module: !/\snomodule[\s=>]/i.test(m[0]) }));
    const legacy = new Set(tags.filter((t) => !t.module).map((t) => t.src));
    // The payload names chunks as JSON strings inside inline scripts ("\/_next\/static\/chunks\/…js").
    const named = [...html.matchAll(/\/_next\/static\/chunks\/[\w.~-]+\.js/g)].map((m) => m[0]);
    const scripts = new Set([...tags.filter((t) => t.module).map((t) => t.src), ...named].filter((src) => !legacy.has(src)));
    if (page !== '/sign-in') common = (common ?? [...scripts]).filter((src) => scripts.has(src));
    let total = 0;
    for (const src of scripts) {
      if (!cache.has(src)) cache.set(src, zlib.gzipSync(Buffer.from(await (await stack.get(src)).arrayBuffer())).length);
      total += cache.get(src)!;
    }
    sizes[page] = total;
  }
  return { sizes, shared: (common ?? []).reduce((sum, src) => sum + cache.get(src)!, 0) };
}

async function main() {
  const stack = await startStack('demo');
  try {
    const { sizes, shared } = await firstLoadSizes(stack);
    if (process.argv.includes('--json')) console.log(JSON.stringify({ sizes, shared }));
    else {
      for (const [page, bytes] of Object.entries(sizes)) console.log(`${page.padEnd(40)} ${(bytes / 1024).toFixed(1)} KiB   (own ${((bytes - shared) / 1024).toFixed(1)})`);
      console.log(`\nshared by every page but sign-in: ${(shared / 1024).toFixed(1)} KiB`);
    }
  } finally {
    stack.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main().catch((error) => {
  console.error(error);
  process.exit(1);
});
