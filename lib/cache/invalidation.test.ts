import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/client';
import { createServerDatabase } from '../db/testing';
import { invalidate, onInvalidate, startInvalidationListener, stopInvalidationListener } from './invalidation';

describe('invalidation across console instances (PostgreSQL LISTEN/NOTIFY)', () => {
  let server: { url: string; drop: () => Promise<void> };
  let database: Database;
  afterAll(async () => {
    await stopInvalidationListener();
    await database?.close();
    await server?.drop();
  });

  it('hears what other instances invalidate, tells them its own, and hears itself only once', async () => {
    server = await createServerDatabase('staas_invalidate');
    database = await openDatabase({ url: server.url });
    await startInvalidationListener(database);
    const heard: string[] = [];
    onInvalidate((topic) => heard.push(topic));

    // Another instance (another connection, another origin) says the user list changed.
    const other = new pg.Client({ connectionString: server.url });
    await other.connect();
    await other.query('LISTEN staas_invalidate');
    const told: string[] = [];
    other.on('notification', (m) => told.push(m.payload!.slice(13)));
    await other.query(`select pg_notify('staas_invalidate', 'aaaaaaaaaaaa|list:users')`);
    await expect.poll(() => heard).toEqual(['list:users']);

    // This instance's own change: delivered here at once (not twice), and told to the other.
    await invalidate('customer:0123456789abcdef');
    await expect.poll(() => told).toEqual(['list:users', 'customer:0123456789abcdef']);
    await new Promise((r) => setTimeout(r, 200));
    expect(heard).toEqual(['list:users', 'customer:0123456789abcdef']);
    await other.end();
  });

  it('after losing its listening connection, reconnects and forgets everything it might have missed', async () => {
    const heard: string[] = [];
    onInvalidate((topic) => heard.push(topic));
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'staas-console invalidation' and datname = current_database()`);
    await expect.poll(() => heard, { timeout: 10_000 }).toContain('*');
    await admin.query(`select pg_notify('staas_invalidate', 'bbbbbbbbbbbb|list:buckets')`);
    await expect.poll(() => heard, { timeout: 5_000 }).toContain('list:buckets');
    await admin.end();
  });
});
