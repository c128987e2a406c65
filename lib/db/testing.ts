import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { openDatabase, type Database } from './client';

const SERVER = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Runs the same tests on embedded PGlite and on the PostgreSQL server, each in a database of its own. */
export function describeEachDatabase(name: string, body: (get: () => Database) => void): void {
  for (const kind of ['pglite', 'postgres'] as const) {
    describe(`${name} (${kind})`, () => {
      let database: Database;
      let dbName: string | null = null;
      beforeAll(async () => {
        if (kind === 'pglite') {
          database = await openDatabase({ dataDir: null });
          return;
        }
        dbName = `staas_test_${crypto.randomBytes(6).toString('hex')}`;
        const admin = new pg.Client({ connectionString: SERVER });
        await admin.connect();
        await admin.query(`CREATE DATABASE ${dbName}`);
        await admin.end();
        const url = new URL(SERVER);
        url.pathname = `/${dbName}`;
        database = await openDatabase({ url: url.toString() });
      });
      afterAll(async () => {
        await database?.close();
        if (dbName) {
          const admin = new pg.Client({ connectionString: SERVER });
          await admin.connect();
          await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
          await admin.end();
        }
      });
      body(() => database);
    });
  }
}
