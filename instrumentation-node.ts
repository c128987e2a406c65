/**
 * At server start: refuse to start on an incomplete configuration (naming each problem), and open
 * the database so that migrations are applied before the first request.
 */
import { checkEnv } from './lib/config/env';
import { database } from './lib/db';

const checked = checkEnv(process.env);
if (!checked.ok) {
  console.error(`staas-console cannot start; fix its configuration:\n  ${checked.problems.join('\n  ')}`);
  process.exit(1);
}
const db = await database();
console.log(`staas-console: ${db.kind === 'postgres' ? 'PostgreSQL server' : 'embedded database'} ready, migrations applied`);

const { startSchedules } = await import('./lib/usage/jobs');
const { USAGE_COLLECT_INTERVAL, STORAGE_SAMPLE_INTERVAL } = checked.env;
startSchedules({ collect: USAGE_COLLECT_INTERVAL, sample: STORAGE_SAMPLE_INTERVAL });
const every = (s: number) => (s ? `every ${s} s` : 'off');
console.log(`staas-console: usage collection ${every(USAGE_COLLECT_INTERVAL)}, storage sampling ${every(STORAGE_SAMPLE_INTERVAL)}`);
