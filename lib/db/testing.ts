import { afterAll, beforeAll, describe } from 'vitest';
import { openDatabase, type Database } from './client';
import { createServerDatabase } from './server-database';

export { createServerDatabase };

/** Runs the same tests on embedded PGlite and on the PostgreSQL server, each in a database of its own. */
export function describeEachDatabase(name: string, body: (get: () => Database) => void): void {
  // Mutation testing judges the logic, not the engine: the server alone, ready in a tenth of the time.
  const kinds = process.env.TEST_DATABASE === 'server' ? (['postgres'] as const) : (['pglite', 'postgres'] as const);
  for (const kind of kinds) {
    describe(`${name} (${kind})`, () => {
      let database: Database;
      let server: { url: string; drop: () => Promise<void> } | null = null;
      beforeAll(async () => {
        if (kind === 'pglite') {
          database = await openDatabase({ dataDir: null });
          return;
        }
        server = await createServerDatabase();
        database = await openDatabase({ url: server.url });
      });
      afterAll(async () => {
        await database?.close();
        await server?.drop();
      });
      body(() => database);
    });
  }
}
