/**
 * First-load JavaScript of every page, as a browser gets it: the scripts the page's HTML loads,
 * each gzipped, summed. Needs a build (npm run build).   npx tsx bench/bundle-size.ts [--json]
 */
import zlib from 'node:zlib';
import { startStack } from './console-stack';

export async function firstLoadSizes(stack: Awaited<ReturnType<typeof startStack>>, pages: string[]): Promise<Record<string, number>> {
  const cache = new Map<string, number>();
  const sizes: Record<string, number> = {};
  for (const page of pages) {
    const html = await (await stack.get(page)).text();
    const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
    let total = 0;
    for (const src of new Set(scripts)) {
      if (!cache.has(src)) cache.set(src, zlib.gzipSync(Buffer.from(await (await stack.get(src)).arrayBuffer())).length);
      total += cache.get(src)!;
    }
    sizes[page] = total;
  }
  return sizes;
}

export const PAGES = ['/sign-in', '/users', '/users/:user', '/buckets', '/buckets/:bucket', '/usage', '/usage/statistics', '/plans', '/audit', '/staff', '/settings'];

async function main() {
  const stack = await startStack('demo');
  try {
    const users = (await (await stack.get('/api/users?pageSize=25')).json()) as { items: { id: string }[] };
    const buckets = (await (await stack.get('/api/buckets')).json()) as { items: { name: string }[] };
    const pages = PAGES.map((p) => p.replace(':user', users.items[0].id).replace(':bucket', buckets.items[0].name));
    const sizes = await firstLoadSizes(stack, pages);
    if (process.argv.includes('--json')) console.log(JSON.stringify(sizes));
    else for (const [page, bytes] of Object.entries(sizes)) console.log(`${page.padEnd(40)} ${(bytes / 1024).toFixed(1)} KiB`);
  } finally {
    stack.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main().catch((error) => {
  console.error(error);
  process.exit(1);
});
