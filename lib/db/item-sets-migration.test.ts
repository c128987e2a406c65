import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerDatabase } from './server-database';

const MIGRATIONS = path.resolve(import.meta.dirname, '../../db/migrations');
const ITEM_SETS = '0011_usage_item_sets';

/** The migrations folder as it was before the item sets: their migration left out of the journal. */
function migrationsBefore(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-before-'));
  fs.cpSync(MIGRATIONS, dir, { recursive: true });
  fs.rmSync(path.join(dir, `${ITEM_SETS}.sql`));
  const journalFile = path.join(dir, 'meta/_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag === ITEM_SETS);
  expect(at).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

type Rows = Record<string, unknown>[];
type Engine = { execute: (query: ReturnType<typeof sql>) => Promise<Rows>; migrate: (folder: string) => Promise<void>; close: () => Promise<void> };

const ITEM_COLUMNS = sql`object_name, start_at, bucket, epoch::text as epoch, user_id, tag, ops_put::text as put, ops_get::text as get, ops_list::text as list,
  ops_other::text as other, bytes_uploaded::text as up, bytes_downloaded::text as down`;

const engines: [string, () => Promise<Engine>][] = [
  [
    'embedded',
    async () => {
      const client = new PGlite();
      const db = drizzlePglite(client);
      return {
        execute: async (query) => ((await db.execute(query)) as unknown as { rows: Rows }).rows,
        migrate: (folder) => migratePglite(db, { migrationsFolder: folder }),
        close: () => client.close(),
      };
    },
  ],
  [
    'PostgreSQL server',
    async () => {
      const server = await createServerDatabase();
      const pool = new pg.Pool({ connectionString: server.url, max: 2 });
      const db = drizzlePg(pool);
      return {
        execute: async (query) => (await db.execute(query)).rows,
        migrate: (folder) => migratePg(db, { migrationsFolder: folder }),
        close: async () => {
          await pool.end();
          await server.drop();
        },
      };
    },
  ],
];

for (const [name, open] of engines) {
  describe(`the items of collected objects, moved to a row per object (${name})`, () => {
    let engine: Engine;
    let before: string;
    beforeAll(async () => {
      before = migrationsBefore();
      engine = await open();
      await engine.migrate(before);
    });
    afterAll(async () => {
      await engine?.close();
      fs.rmSync(before, { recursive: true, force: true });
    });

    it('keeps every item stored a row an item, in the order stored, and shows them as before', async () => {
      await engine.execute(sql`insert into usage_objects (name, service_id, start_at, nominal_period, status, items) values
        ('s3-usage-a', 'svc', '2024-01-01T00:00:00Z', 60, 'collected', 3), ('s3-usage-b', 'svc', '2024-01-02T00:00:00Z', 60, 'collected', 2),
        ('s3-usage-empty', 'svc', '2024-01-03T00:00:00Z', 60, 'collected', 0)`);
      // Two objects' items interleaved, with quotes, commas, a huge counter and a non-zero epoch.
      await engine.execute(sql`insert into usage_items (object_name, start_at, bucket, epoch, user_id, tag, ops_put, ops_get, ops_list, ops_other, bytes_uploaded, bytes_downloaded) values
        ('s3-usage-a', '2024-01-01T00:00:00Z', 'b-one', 0, 'u1', '', 1, 2, 3, 4, 5, 6),
        ('s3-usage-b', '2024-01-02T00:00:00Z', 'b"q,uote', 7, 'u2', 't', 10, 20, 30, 40, 50, 60),
        ('s3-usage-a', '2024-01-01T00:00:00Z', 'b-two', 0, 'u1', '', 9223372036854775807, 0, 0, 0, 0, 0),
        ('s3-usage-b', '2024-01-02T00:00:00Z', 'b-one', 0, 'u2', '', 11, 21, 31, 41, 51, 61),
        ('s3-usage-a', '2024-01-01T00:00:00Z', 'b-one', 0, 'u3', 'x', 100, 200, 300, 400, 500, 600)`);
      // An updated row moves to the end of the table: the order stored is the ids', not the table's.
      await engine.execute(sql`update usage_items set tag = tag where bucket = 'b-one' and user_id = 'u1'`);
      const itemsBefore = await engine.execute(sql`select ${ITEM_COLUMNS} from usage_items order by id`);

      await engine.migrate(MIGRATIONS);

      const sets = await engine.execute(sql`select object_name, part, buckets, user_ids, ops_put::text[] as put from usage_item_sets order by object_name, part`);
      expect(sets).toEqual([
        { object_name: 's3-usage-a', part: 0, buckets: ['b-one', 'b-two', 'b-one'], user_ids: ['u1', 'u1', 'u3'], put: ['1', '9223372036854775807', '100'] },
        { object_name: 's3-usage-b', part: 0, buckets: ['b"q,uote', 'b-one'], user_ids: ['u2', 'u2'], put: ['10', '11'] },
      ]);
      const itemsAfter = await engine.execute(sql`select ${ITEM_COLUMNS} from usage_items`);
      const byObject = (rows: Rows) => [...rows].sort((x, y) => String(x.object_name).localeCompare(String(y.object_name)));
      expect(byObject(itemsAfter)).toEqual(byObject(itemsBefore));
      // The view reads by day as the trace does.
      expect(await engine.execute(sql`select count(*)::int as n from usage_items where start_at >= '2024-01-02' and start_at < '2024-01-03'`)).toEqual([{ n: 2 }]);
    });

    it('refuses a row whose columns are not all one item long, or that holds no item', async () => {
      const row = (buckets: string, puts: string) =>
        engine.execute(sql`insert into usage_item_sets (object_name, part, start_at, buckets, epochs, user_ids, tags, ops_put, ops_get, ops_list, ops_other, bytes_uploaded, bytes_downloaded)
          values ('s3-usage-a', 7, now(), ${buckets}::text[], '{0}', '{u}', '{""}', ${puts}::bigint[], '{1}', '{1}', '{1}', '{1}', '{1}')`);
      await expect(row('{b}', '{1,2}')).rejects.toThrow();
      await expect(row('{}', '{}')).rejects.toThrow();
      await row('{b}', '{1}');
      expect(await engine.execute(sql`select count(*)::int as n from usage_item_sets where part = 7`)).toEqual([{ n: 1 }]);
    });
  });
}
