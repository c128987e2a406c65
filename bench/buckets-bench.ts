/**
 * Buckets page figures with 1,000,000 buckets on the gateway: the buckets API cold (the whole
 * list fetched from the gateway, parsed and sorted) and warm, sorted by size, and searched.
 * Needs a build (`npm run build`). Prints figures.
 *   npm run bench:buckets [-- --buckets 1000000]
 */
import { parseArgs } from 'node:util';
import { median, startStack, timed, treeRss } from './console-stack';

const { values } = parseArgs({ options: { buckets: { type: 'string', default: '1000000' } } });

async function main() {
  const started = performance.now();
  const stack = await startStack(`buckets:${values.buckets}`);
  console.log(`simulator seeded and console started in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const { get } = stack;
  try {
    const [cold, first] = await timed(() => get('/api/buckets?page=1&pageSize=50'));
    const body = (await first.json()) as { total: number };
    console.log(`GET /api/buckets page 1 of ${body.total} buckets, cold (whole list from the gateway): ${cold.toFixed(0)} ms`);
    const warm: number[] = [];
    for (let i = 0; i < 20; i++) warm.push((await timed(async () => (await get(`/api/buckets?page=${1 + i * 997}&pageSize=50`)).text()))[0]);
    console.log(`GET /api/buckets any page by name, warm, median of 20: ${median(warm).toFixed(1)} ms`);
    const [firstSize] = await timed(async () => (await get('/api/buckets?sort=size&order=desc&pageSize=50')).text());
    const bySize: number[] = [];
    for (let i = 0; i < 10; i++) bySize.push((await timed(async () => (await get(`/api/buckets?sort=size&order=desc&page=${i + 1}&pageSize=50`)).text()))[0]);
    console.log(`GET /api/buckets sorted by size: first ${firstSize.toFixed(0)} ms (sorts once), then median ${median(bySize).toFixed(1)} ms`);
    const search: number[] = [];
    for (let i = 0; i < 10; i++) search.push((await timed(async () => (await get(`/api/buckets?q=bucket-00${i}12&pageSize=50`)).text()))[0]);
    console.log(`GET /api/buckets search by name, warm, median of 10: ${median(search).toFixed(1)} ms`);
    console.log(`memory: console ${treeRss(stack.serverPid)} MB, simulator ${treeRss(stack.simPid)} MB (RSS)`);
  } finally {
    stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
