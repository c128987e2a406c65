import 'server-only';
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Database } from '../db/client';

/**
 * "What you cached of X is out of date", told to every console instance. The instance that made
 * a change forgets its own copy at once and, on a PostgreSQL server, tells the others with
 * NOTIFY (committed before its answer leaves, so a request to another instance right after finds
 * the news there first). On the embedded database there is one process: telling it is enough.
 *
 * Topics: `list:<name>` (a shared list), `customer:<S3 user id>` (a customer session check),
 * `staff:<id>` (a staff account, told by the database itself: a trigger on the staff table),
 * `*` (everything: sent to ourselves after the listening connection was lost and found again,
 * since news may have been missed in between).
 */

const CHANNEL = 'staas_invalidate';

type Handler = (topic: string) => void;

interface State {
  handlers: Set<Handler>;
  database: Database | null;
  listener: pg.Client | null;
  stopped: boolean;
  origin: string;
}

const holder = globalThis as unknown as { staasInvalidation?: State };
const state = (holder.staasInvalidation ??= { handlers: new Set(), database: null, listener: null, stopped: false, origin: crypto.randomBytes(6).toString('hex') });

/** Runs `handler` for every topic invalidated, here or (on PostgreSQL) on another instance. */
export function onInvalidate(handler: Handler): () => void {
  state.handlers.add(handler);
  return () => state.handlers.delete(handler);
}

function deliver(topic: string): void {
  for (const handler of state.handlers) {
    try {
      handler(topic);
    } catch (error) {
      console.error(`[cache] invalidating ${topic}: ${(error as Error).message}`);
    }
  }
}

/**
 * True while news from other instances and from the database reaches this one: after the
 * listener started, and on a server while its connection is up. A cache that relies on being
 * told of changes is read only then.
 */
export function invalidationsArrive(): boolean {
  const database = state.database;
  if (!database || state.stopped) return false;
  return database.kind === 'pglite' || state.listener !== null;
}

/** Forgets `topic` here only: for changes the database itself tells the other instances of. */
export function forgetHere(topic: string): void {
  deliver(topic);
}

/** Forgets `topic` here and tells every other instance. */
export async function invalidate(topic: string): Promise<void> {
  deliver(topic);
  const database = state.database;
  if (database?.kind !== 'postgres') return;
  await database.db.execute(sql`select pg_notify(${CHANNEL}, ${`${state.origin}|${topic}`})`);
}

/** Listens for the other instances' news (PostgreSQL only), reconnecting when the connection drops. */
export async function startInvalidationListener(database: Database): Promise<void> {
  state.stopped = false;
  if (database.kind === 'pglite') {
    // One process: what this console changes it forgets itself; the database's own news (the
    // staff trigger) arrives here as the statement returns.
    await database.listen?.(CHANNEL, (payload) => deliver(payload.slice(13)));
    state.database = database;
    return;
  }
  state.database = database;
  if (!database.url) return;
  const connect = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: database.url, application_name: 'staas-console invalidation' });
    client.on('notification', (message) => {
      const [origin, topic] = [message.payload?.slice(0, 12), message.payload?.slice(13)];
      if (topic && origin !== state.origin) deliver(topic);
    });
    const lost = () => {
      if (state.listener !== client || state.stopped) return;
      state.listener = null;
      console.error('[cache] the invalidation connection was lost; reconnecting');
      setTimeout(() => void connect().catch(() => lost()), 1000).unref();
    };
    client.on('error', lost);
    client.on('end', lost);
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    const reconnected = state.listener === null && state.handlers.size > 0;
    state.listener = client;
    // News may have been missed while no connection listened.
    if (reconnected) deliver('*');
  };
  await connect();
}

export async function stopInvalidationListener(): Promise<void> {
  state.stopped = true;
  const client = state.listener;
  state.listener = null;
  await client?.end().catch(() => undefined);
}
