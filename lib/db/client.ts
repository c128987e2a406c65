import fs from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { holdPidFile } from '../../common/pid-file';
import { EmbeddedThread } from './embedded-thread';
import { copyTemplate, embeddedTemplate, isNewDataDir, PGLITE_START_PARAMS } from './embedded-template';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The server's address (postgres only): for the job queue's own connections. */
  url?: string;
  /**
   * A PostgreSQL advisory lock held until released, or null when someone holds it: one holder
   * across every console instance on the database (and, embedded, within the process).
   */
  tryLock(key: number): Promise<(() => Promise<void>) | null>;
  /**
   * Embedded only: runs `onPayload` for every NOTIFY on `channel`, delivered as the statement
   * that sent it returns (one process, one session). On a server, listening needs a connection
   * of its own: lib/cache/invalidation.ts keeps one.
   */
  listen?(channel: string, onPayload: (payload: string) => void): Promise<void>;
  close(): Promise<void>;
}

const heldInProcess = new Set<string>();

const MIGRATIONS = path.resolve(process.cwd(), 'db/migrations');

/** Where the embedded database's template is kept, unless told otherwise. */
export const DEFAULT_CACHE_DIR = path.resolve(process.cwd(), 'node_modules/.cache/staas-console');

/**
 * The console database: a PostgreSQL server when a URL is given, otherwise embedded PGlite with
 * its data in `dataDir` (null: in memory). Migrations are applied before it is handed out. A new
 * embedded database starts as a copy of a template kept in `cacheDir` (null: none, made from
 * scratch), which is made the first time.
 */
export async function openDatabase(options: { url?: string; dataDir?: string | null; cacheDir?: string | null }): Promise<Database> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: 10 });
    // An idle connection the server ends (a restart, a terminated backend) is dropped by the pool;
    // without a listener that event would bring the whole process down.
    pool.on('error', (error) => console.error(`[db] an idle database connection ended: ${(error as { code?: string }).code ?? error.name}`));
    const db = drizzlePg(pool, { schema });
    await migratePg(db, { migrationsFolder: MIGRATIONS });
    return {
      db: db as unknown as Db,
      kind: 'postgres',
      url: options.url,
      async tryLock(key) {
        // A session lock lives on one connection: that connection is kept until release.
        const client = await pool.connect();
        const { rows } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [key]);
        if (!rows[0].ok) {
          client.release();
          return null;
        }
        return async () => {
          await client.query('select pg_advisory_unlock($1)', [key]);
          client.release();
        };
      },
      close: () => pool.end(),
    };
  }
  const unlock = options.dataDir ? lockFolder(options.dataDir) : () => undefined;
  let opened: EmbeddedThread | null = null;
  let db: ReturnType<typeof drizzlePglite<typeof schema>>;
  try {
    opened = await openEmbedded(options.dataDir ?? null, options.cacheDir === undefined ? DEFAULT_CACHE_DIR : options.cacheDir);
    // The query builder asks of it only what EmbeddedThread answers as PGlite does.
    db = drizzlePglite(opened as unknown as PGlite, { schema });
    await migratePglite(db, { migrationsFolder: MIGRATIONS });
  } catch (error) {
    // Closed before its folder is let go: no one else may open the folder while it is open here.
    await opened?.close().catch(() => undefined);
    unlock();
    throw error;
  }
  const client = opened;
  const id = `pglite:${options.dataDir ?? Math.random()}:`;
  return {
    db: db as unknown as Db,
    kind: 'pglite',
    async tryLock(key) {
      // One embedded database has one session, where advisory locks are re-entrant: the process
      // keeps its own record as well.
      const name = id + key;
      if (heldInProcess.has(name)) return null;
      // Claimed before the first await: two callers in one tick cannot both get it.
      heldInProcess.add(name);
      const { rows } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [key]).catch((error: unknown) => {
        heldInProcess.delete(name);
        throw error;
      });
      if (!rows[0].ok) {
        heldInProcess.delete(name);
        return null;
      }
      return async () => {
        await client.query('select pg_advisory_unlock($1)', [key]);
        heldInProcess.delete(name);
      };
    },
    listen: async (channel, onPayload) => {
      await client.listen(channel, onPayload);
    },
    close: async () => {
      await client.close();
      unlock();
    },
  };
}

async function openEmbedded(dataDir: string | null, cacheDir: string | null): Promise<EmbeddedThread> {
  const fresh = dataDir === null || isNewDataDir(dataDir);
  const template = fresh && cacheDir ? await embeddedTemplate(cacheDir, MIGRATIONS) : null;
  if (dataDir !== null && template) copyTemplate(template, dataDir);
  return EmbeddedThread.open({ dataDir, tar: dataDir === null && template ? template.tar : null, startParams: PGLITE_START_PARAMS });
}

/** Folders this process holds, and their releases: let go on close, or when the process exits. */
const heldFolders = new Map<string, () => void>();
let exitHook = false;

/**
 * The embedded database's folder is opened by one process at a time (two would corrupt it): a
 * lock file beside it names the holder. A lock left by a process that has ended is taken over.
 */
export function lockFolder(dataDir: string): () => void {
  const folder = path.resolve(dataDir);
  if (heldFolders.has(folder)) throw new Error(`The embedded database in ${folder} is already open in this process.`);
  fs.mkdirSync(path.dirname(folder), { recursive: true });
  const release = holdPidFile(
    `${folder}.lock`,
    (holder) =>
      `The embedded database in ${folder} is open in process ${holder} (a running console?). Only one process may open it: stop that one first, or use a PostgreSQL server (DATABASE_URL).`,
  );
  heldFolders.set(folder, release);
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => [...heldFolders.keys()].forEach(unlockFolder));
  }
  return () => unlockFolder(folder);
}

function unlockFolder(folder: string): void {
  heldFolders.get(folder)?.();
  heldFolders.delete(folder);
}
