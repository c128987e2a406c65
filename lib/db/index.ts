import 'server-only';
import { env } from '../config/env';
import { openDatabase, type Database } from './client';

const holder = globalThis as unknown as { consoleDb?: Promise<Database> };

/** The process's one database connection, opened (and migrated) on first use. */
export function database(): Promise<Database> {
  if (!holder.consoleDb) {
    const e = env();
    holder.consoleDb = openDatabase({ url: e.DATABASE_URL, dataDir: e.CONSOLE_DATA_DIR }).catch((error) => {
      holder.consoleDb = undefined;
      throw error;
    });
  }
  return holder.consoleDb;
}

export async function db() {
  return (await database()).db;
}
