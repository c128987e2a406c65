/**
 * Runs once when the console's server starts: refuses to start on an incomplete configuration
 * (naming each problem), and opens the database so migrations are applied before the first request.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { checkEnv } = await import('./lib/config/env');
  const checked = checkEnv(process.env);
  if (!checked.ok) {
    console.error(`staas-console cannot start; fix its configuration:\n  ${checked.problems.join('\n  ')}`);
    process.exit(1);
  }
  const { database } = await import('./lib/db');
  const db = await database();
  console.log(`staas-console: ${db.kind === 'postgres' ? 'PostgreSQL server' : 'embedded database'} ready, migrations applied`);
}
