/**
 * The API for billing systems under load, against the built console and the simulator (needs a
 * build): how long creating a service takes (p50/p99 over sequential creates), and the nightly
 * billing call — every service's month through `GET /api/v1/usage`, 1,000 a page — with 10,000
 * services. Prints figures; asserts nothing.
 *
 *   npm run bench:api [-- --services 10000 --creates 200]
 */
import { parseArgs } from 'node:util';
import { startStack } from './console-stack';

const { values } = parseArgs({ options: { services: { type: 'string', default: '10000' }, creates: { type: 'string', default: '200' }, concurrency: { type: 'string', default: '12' } } });
const SERVICES = Number(values.services);
const CREATES = Number(values.creates);
const CONCURRENCY = Number(values.concurrency);

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function main() {
  const stack = await startStack('users:0');
  try {
    const plan = await (await stack.send('POST', '/api/plans', { name: 'Bench', userQuotaGb: 10, bucketQuotaGb: 2, limits: { default: 0, get: 0, put: 0, list: 0, delete: 0, out: 0 } })).json();
    if (!plan.plan) throw new Error(`plan: ${JSON.stringify(plan)}`);
    // Each token may make 20 requests a second: filling 10,000 services uses several, as several billing systems would.
    const auths = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const made = await (await stack.send('POST', '/api/tokens', { name: `Bench ${i}`, scopes: ['provisioning', 'usage:read'] })).json();
        return { authorization: `Bearer ${made.token}`, 'content-type': 'application/json' };
      }),
    );
    const auth = auths[0];
    let n = 0;
    const again: number[] = [];
    const create = async (headers = auth) => {
      const i = again.pop() ?? n++;
      const started = performance.now();
      const response = await fetch(`${stack.base}/api/v1/services`, { method: 'POST', headers, body: JSON.stringify({ serviceId: `bench-${String(i).padStart(6, '0')}`, email: `bench-${i}@example.com`, plan: 'Bench' }) });
      const took = performance.now() - started;
      if (response.status === 429) {
        again.push(i);
        await new Promise((r) => setTimeout(r, Number(response.headers.get('retry-after') ?? 1) * 1000));
        return null;
      }
      if (response.status !== 200) throw new Error(`create ${i}: ${response.status} ${await response.text()}`);
      return took;
    };

    // One billing system creating services one after another: the latency a customer's order sees.
    const latencies: number[] = [];
    while (latencies.length < CREATES) {
      const took = await create();
      if (took !== null) latencies.push(took);
    }
    console.log(`create service (sequential, ${CREATES}): p50 ${ms(pct(latencies, 50))}, p99 ${ms(pct(latencies, 99))}, max ${ms(Math.max(...latencies))}`);

    // The rest in parallel (within the token's rate limit), to have SERVICES services.
    const filling = performance.now();
    const workers = Array.from({ length: CONCURRENCY }, async (_, w) => {
      while (n < SERVICES || again.length) await create(auths[w % auths.length]);
    });
    await Promise.all(workers);
    console.log(`created ${SERVICES} services (${CONCURRENCY} at a time over ${auths.length} tokens after the first ${CREATES}) in ${((performance.now() - filling) / 1000).toFixed(1)} s`);

    const month = new Date().toISOString().slice(0, 7);
    const runs: number[] = [];
    const pages: number[] = [];
    let lines = 0;
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      let cursor: string | null = null;
      lines = 0;
      do {
        const pageStarted = performance.now();
        const response = await fetch(`${stack.base}/api/v1/usage?month=${month}&limit=1000${cursor ? `&cursor=${cursor}` : ''}`, { headers: auth });
        if (response.status !== 200) throw new Error(`usage: ${response.status} ${await response.text()}`);
        const page = (await response.json()) as { items: unknown[]; next: string | null };
        pages.push(performance.now() - pageStarted);
        lines += page.items.length;
        cursor = page.next;
      } while (cursor);
      runs.push(performance.now() - started);
    }
    console.log(`usage for ${lines} services (${Math.ceil(lines / 1000)} pages of 1,000): whole run median ${ms(pct(runs, 50))}; a page p50 ${ms(pct(pages, 50))}, p99 ${ms(pct(pages, 99))}`);
  } finally {
    stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
