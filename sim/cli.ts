import { parseArgs } from 'node:util';
import { applySeed } from './seed';
import { startSimulator } from './server';

const USAGE = `Usage: npm run sim -- [options]

A stand-in for a Virtuozzo Hybrid Infrastructure S3 gateway (ostor admin API + an S3 subset),
for demos, development and tests. Not a storage product.

  --port <n>           port on 127.0.0.1 (default 9000; 0 picks a free one)
  --host <addr>        address to listen on (default 127.0.0.1)
  --data <dir>         keep state in this folder (default: memory only)
  --usage-period <s>   seconds between statistics objects (default 60)
  --no-usage           do not collect usage statistics (as without S3_GW_COLLECT_STAT)
  --services <n>       gateway services writing statistics objects (default 1)
  --region <name>      SigV4 region (default us-east-1)
  --seed <what>        "demo" (a small tenant set), "users:<N>", "buckets:<N>", or several
                       separated by commas; only into an empty gateway
  --test-api           answer /__sim/ (ground truth, flush, fault injection): tests only

Environment: SIM_SYSTEM_KEY_ID and SIM_SYSTEM_SECRET give the system user's key pair.`;

function fail(message: string): never {
  console.error(`sim: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function wholeNumber(text: string | undefined, name: string, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < min) fail(`${name} must be a whole number of at least ${min}`);
  return Number(text);
}

async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        data: { type: 'string' },
        'usage-period': { type: 'string' },
        'no-usage': { type: 'boolean' },
        services: { type: 'string' },
        region: { type: 'string' },
        seed: { type: 'string' },
        'test-api': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const keyId = process.env.SIM_SYSTEM_KEY_ID;
  const secret = process.env.SIM_SYSTEM_SECRET;
  if (Boolean(keyId) !== Boolean(secret)) fail('set both SIM_SYSTEM_KEY_ID and SIM_SYSTEM_SECRET, or neither');
  const started = Date.now();
  const sim = await startSimulator({
    port: wholeNumber(values.port, '--port', 9000, 0),
    host: values.host,
    dataDir: values.data ?? null,
    usagePeriod: wholeNumber(values['usage-period'], '--usage-period', 60, 1),
    collectUsage: !values['no-usage'],
    services: wholeNumber(values.services, '--services', 1, 1),
    region: values.region,
    testApi: values['test-api'] ?? false,
    systemKey: keyId && secret ? { id: keyId, secret } : undefined,
  });
  if (values.seed) {
    try {
      console.log(`sim: ${applySeed(sim.store, values.seed, Date.now())} in ${Date.now() - started} ms`);
    } catch (error) {
      await sim.close();
      fail((error as Error).message);
    }
  }
  console.log(`sim: VHI S3 gateway simulator on ${sim.url}${values.data ? ` (state in ${values.data})` : ' (in memory)'}`);
  console.log(`sim: system user access key ${sim.systemKey.id}`);
  if (!keyId) console.log(`sim: system user secret key ${sim.systemKey.secret}`);
  if (values['test-api']) console.log('sim: test API on /__sim/');
  const stop = async () => {
    await sim.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error('sim:', error instanceof Error ? error.message : error);
  process.exit(1);
});
