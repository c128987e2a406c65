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

const { jobSystem } = await import('./lib/jobs');
const { startSchedules } = await import('./lib/usage/jobs');
const { startInvalidationListener } = await import('./lib/cache/invalidation');
const jobs = await jobSystem();
await startInvalidationListener(db);
const { USAGE_COLLECT_INTERVAL, STORAGE_SAMPLE_INTERVAL, PLAN_RECONCILE_INTERVAL } = checked.env;
const stopSchedules = startSchedules(jobs, { collect: USAGE_COLLECT_INTERVAL, sample: STORAGE_SAMPLE_INTERVAL, reconcile: PLAN_RECONCILE_INTERVAL });
const { resumePurges } = await import('./lib/services/purge');
const stopPurges = resumePurges(jobs, db.db);
const every = (s: number) => (s ? `every ${s} s` : 'off');
console.log(
  `staas-console: jobs on ${jobs.queue} as ${jobs.instance}; usage collection ${every(USAGE_COLLECT_INTERVAL)}, storage sampling ${every(STORAGE_SAMPLE_INTERVAL)}, plan reconciliation ${every(PLAN_RECONCILE_INTERVAL)}`,
);

// On SIGTERM the server (server/index.mjs) stops taking requests, finishes those under way, then
// runs these: running jobs stop at a step's end and are handed back, and the database is closed.
const hooks = ((globalThis as unknown as Record<symbol, (() => Promise<void>)[]>)[Symbol.for('staas-console.shutdown')] ??= []);
hooks.push(async () => {
  stopSchedules();
  stopPurges();
  await jobs.stop();
  await db.close();
});
