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
