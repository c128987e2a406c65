/** Runs once when the console's server starts (see instrumentation-node.ts for what it checks). */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') await import('./instrumentation-node');
}
