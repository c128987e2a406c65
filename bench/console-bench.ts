/**
 * Console figures with 100,000 users on the gateway: the users page's API answer cold (the list
 * fetched from the gateway) and warm (from the short-lived cache), a search, the users page's
 * first-load JavaScript, and the server's memory. Needs a build (`npm run build`). Prints figures.
 *   npm run bench:console [-- --users 100000]
 */
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { median, startStack, timed, treeRss } from './console-stack';

const { values } = parseArgs({ options: { users: { type: 'string', default: '100000' } } });

async function main() {
  const stack = await startStack(`users:${values.users}`);
  const { get } = stack;
  try {
    console.log(`console server memory after start: ${treeRss(stack.serverPid)} MB (RSS, process tree)`);
    const [cold, first] = await timed(() => get('/api/users?page=1&pageSize=50'));
    const body = (await first.json()) as { total: number };
    console.log(`GET /api/users page 1 of ${body.total} users, cold (list fetched from the gateway): ${cold.toFixed(0)} ms`);
    const warm: number[] = [];
    for (let i = 0; i < 20; i++) warm.push((await timed(async () => (await get(`/api/users?page=${1 + i * 50}&pageSize=50`)).text()))[0]);
    console.log(`GET /api/users any page, warm (cached list), median of 20: ${median(warm).toFixed(1)} ms`);
    const search: number[] = [];
    for (let i = 0; i < 10; i++) search.push((await timed(async () => (await get(`/api/users?q=user-0${i}123&pageSize=50`)).text()))[0]);
    console.log(`GET /api/users search, warm, median of 10: ${median(search).toFixed(1)} ms`);

    const html = await (await get('/users')).text();
    const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]);
    let raw = 0;
    let gzip = 0;
    for (const src of scripts) {
      const buf = Buffer.from(await (await get(src)).arrayBuffer());
      raw += buf.length;
      gzip += zlib.gzipSync(buf).length;
    }
    console.log(`users page first-load JavaScript: ${scripts.length} files, ${(raw / 1024).toFixed(0)} KiB, ${(gzip / 1024).toFixed(0)} KiB gzipped`);
    console.log(`console server memory with the list cached: ${treeRss(stack.serverPid)} MB (RSS, process tree)`);
  } finally {
    stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
