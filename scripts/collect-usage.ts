/**
 * Collects the gateway's statistics objects into the console database once, for cron:
 *   npm run collect-usage
 * (It runs with the `react-server` condition, under which the server-only gateway modules load,
 * and the server's Node options, server/node-flags.mjs.)
 * Uses the console's environment (GATEWAY_*, DATABASE_URL or CONSOLE_DATA_DIR). Shows a progress
 * bar on a terminal, one line per hundred objects otherwise (`--verbose`: one per object).
 * `--storage` also takes a storage round (every bucket's size) afterwards. Exits 0 when done, 75
 * when another collector or sampler holds the lock, 1 on errors.
 */
import { openDatabase } from '../lib/db/client';
import type { GatewayConnection } from '../lib/gateway/request';
import { collectUsage, type Progress } from '../lib/usage/collector';
import { sampleStorage } from '../lib/usage/sampler';

function connection(): GatewayConnection {
  const missing = ['GATEWAY_URL', 'GATEWAY_ACCESS_KEY_ID', 'GATEWAY_SECRET_ACCESS_KEY'].filter((k) => !process.env[k]);
  if (missing.length) {
    console.error(`collect-usage: set ${missing.join(', ')}`);
    process.exit(2);
  }
  return {
    url: process.env.GATEWAY_URL!.replace(/\/+$/, ''),
    accessKeyId: process.env.GATEWAY_ACCESS_KEY_ID!,
    secret: process.env.GATEWAY_SECRET_ACCESS_KEY!,
    signature: process.env.GATEWAY_SIGNATURE === 'v2' ? 'v2' : 'v4',
    region: process.env.GATEWAY_REGION ?? 'us-east-1',
    timeoutMs: Number(process.env.GATEWAY_TIMEOUT_MS ?? 10_000),
  };
}

const verbose = process.argv.includes('--verbose');

function render(p: Progress): void {
  if (verbose) {
    console.log(`collect-usage: ${p.done}/${p.total} objects`);
  } else if (process.stdout.isTTY) {
    const width = 30;
    const filled = p.total ? Math.round((p.done / p.total) * width) : width;
    process.stdout.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${p.done}/${p.total} objects · ${p.collected} collected · ${p.errors.length} errors`);
  } else if (p.done % 100 === 0 || p.done === p.total) {
    console.log(`collect-usage: ${p.done}/${p.total} objects, ${p.collected} collected, ${p.errors.length} errors`);
  }
}

async function main() {
  const conn = connection();
  const database = await openDatabase({ url: process.env.DATABASE_URL, dataDir: process.env.CONSOLE_DATA_DIR ?? '.data/console' });
  try {
    const result = await collectUsage(database, { conn, onProgress: render });
    if (process.stdout.isTTY) process.stdout.write('\n');
    if (result.status === 'busy') {
      console.log('collect-usage: another collector is running; nothing done');
      process.exitCode = 75;
      return;
    }
    console.log(
      `collect-usage: ${result.total} objects listed, ${result.collected} collected, ${result.deleted} deleted, ${result.skipped} left for later, ${result.quarantined} quarantined`,
    );
    for (const error of result.errors) console.error(`collect-usage: ${error}`);
    if (result.errors.length) process.exitCode = 1;
    if (process.argv.includes('--storage')) {
      const round = await sampleStorage(database, { conn });
      if (round.status === 'busy') {
        console.log('collect-usage: another sampler is taking a storage round; none taken');
        process.exitCode ||= 75;
      } else if (round.status === 'skipped') {
        console.log(`collect-usage: ${round.reason}`);
      } else {
        console.log(`collect-usage: storage round at ${round.at}: ${round.buckets} buckets sampled`);
      }
    }
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  console.error('collect-usage:', error instanceof Error ? error.message : error);
  process.exit(1);
});
