import pg from 'pg';
import { afterAll, beforeAll, expect } from 'vitest';
import { openDatabase, type Database } from '../db/client';
import { createServerDatabase } from '../db/server-database';
import { onInvalidate, startInvalidationListener, stopInvalidationListener } from './invalidation';

/**
 * For the tests of a cache kept current by the database: a PostgreSQL database of the suite's own
 * (`name`), opened into `holder` with this instance's invalidation listener on it, and a second
 * connection standing for another console instance (or a command, or plain SQL).
 */
export function databaseWithNews(name: string, holder: { database: Database | null }) {
  let server: { url: string; drop: () => Promise<void> } | undefined;
  let other: pg.Client | undefined;
  beforeAll(async () => {
    server = await createServerDatabase(name);
    holder.database = await openDatabase({ url: server.url });
    await startInvalidationListener(holder.database);
    other = new pg.Client({ connectionString: server.url });
    await other.connect();
  });
  afterAll(async () => {
    await other?.end();
    await stopInvalidationListener();
    await holder.database?.close();
    await server?.drop();
  });
  return {
    /** The other instance's connection. */
    other: () => other!,
    /** Waits until every notification sent so far has arrived (they arrive in commit order). */
    async newsSettled(): Promise<void> {
      const heard: string[] = [];
      const stop = onInvalidate((topic) => heard.push(topic));
      await other!.query(`select pg_notify('staas_invalidate', 'zzzzzzzzzzzz|sync')`);
      await expect.poll(() => heard).toContain('sync');
      stop();
    },
  };
}
