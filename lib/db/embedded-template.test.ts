import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './client';
import { embeddedTemplate, isNewDataDir, PGLITE_START_PARAMS, templateKey } from './embedded-template';

const MIGRATIONS = path.resolve('db/migrations');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'staas-template-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const rows = async (database: Database, query: ReturnType<typeof sql>) => ((await database.db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;
const migrationsApplied = async (database: Database) => Number((await rows(database, sql`select count(*)::int as n from drizzle.__drizzle_migrations`))[0].n);
const journal = (JSON.parse(fs.readFileSync(path.join(MIGRATIONS, 'meta/_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;

describe('the embedded database template', () => {
  const cacheDir = path.join(root, 'cache');

  it('is made once, and new databases on disk and in memory start from it, migrated and apart', async () => {
    const template = await embeddedTemplate(cacheDir, MIGRATIONS);
    expect(template).not.toBeNull();
    expect(await embeddedTemplate(cacheDir, MIGRATIONS)).toEqual(template);
    // A mark in the template, to see that new databases are copies of it.
    const maker = new PGlite(template!.dir, { startParams: PGLITE_START_PARAMS });
    await maker.exec('create table made_from_the_template (id integer)');
    fs.writeFileSync(template!.tar, Buffer.from(await (await maker.dumpDataDir('none')).arrayBuffer()));
    await maker.close();
    const madeAt = fs.statSync(template!.tar).mtimeMs;

    const dir = path.join(root, 'one');
    const onDisk = await openDatabase({ dataDir: dir, cacheDir });
    const inMemory = await openDatabase({ dataDir: null, cacheDir });
    try {
      for (const database of [onDisk, inMemory]) {
        expect(await migrationsApplied(database)).toBe(journal);
        expect((await rows(database, sql`show shared_buffers`))[0].shared_buffers).toBe('16MB');
        expect(await rows(database, sql`select * from made_from_the_template`)).toEqual([]);
      }
      await onDisk.db.execute(sql`insert into staff (email, name, role, password_hash) values ('ada@example.com', 'Ada', 'admin', 'x')`);
      expect(await rows(inMemory, sql`select email from staff`)).toEqual([]);
    } finally {
      await inMemory.close();
      await onDisk.close();
    }
    // The copy is the database's own: the template is unchanged, and the data stays when reopened.
    const again = await openDatabase({ dataDir: dir, cacheDir });
    try {
      expect(await rows(again, sql`select email from staff`)).toEqual([{ email: 'ada@example.com' }]);
    } finally {
      await again.close();
    }
    const fromTemplate = await openDatabase({ dataDir: path.join(root, 'two'), cacheDir });
    try {
      expect(await rows(fromTemplate, sql`select email from staff`)).toEqual([]);
    } finally {
      await fromTemplate.close();
    }
    expect(fs.statSync(template!.tar).mtimeMs).toBe(madeAt);
    expect(fs.readdirSync(root).filter((name) => name.includes('.new-'))).toEqual([]);
  });

  it('is made by npm install (postinstall), ahead of the first start', () => {
    const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.postinstall).toBe('node scripts/postinstall.mjs');
    const installCache = path.join(root, 'install-cache');
    const run = spawnSync(process.execPath, ['scripts/postinstall.mjs', installCache], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('template ready');
    const made = path.join(installCache, `pglite-${templateKey(MIGRATIONS)}`);
    expect(fs.readdirSync(made).sort()).toEqual(['data', 'data.tar']);
  }, 60_000);

  it('is named by the migrations: a changed migration makes a new template and the old one goes', async () => {
    const migrations = path.join(root, 'migrations');
    fs.cpSync(MIGRATIONS, migrations, { recursive: true });
    const before = templateKey(migrations);
    expect(templateKey(migrations)).toBe(before);
    const first = fs.readdirSync(migrations).find((name) => name.endsWith('.sql'))!;
    fs.appendFileSync(path.join(migrations, first), '\n--> statement-breakpoint\nCREATE TABLE "only_in_this_version" ("id" integer);\n');
    expect(templateKey(migrations)).not.toBe(before);

    const own = path.join(root, 'own-cache');
    const old = await embeddedTemplate(own, MIGRATIONS);
    const changed = await embeddedTemplate(own, migrations);
    expect(changed!.dir).not.toBe(old!.dir);
    expect(fs.existsSync(old!.dir)).toBe(false);
    expect(fs.readdirSync(path.join(changed!.dir, '..', '..')).filter((name) => name.startsWith('pglite-'))).toHaveLength(1);
  });

  it('is not used for a folder that already holds something, and a cache that cannot be written only makes it slower', async () => {
    expect(isNewDataDir(path.join(root, 'missing'))).toBe(true);
    fs.mkdirSync(path.join(root, 'empty'));
    expect(isNewDataDir(path.join(root, 'empty'))).toBe(true);
    expect(isNewDataDir(path.join(root, 'one'))).toBe(false);

    const blocked = path.join(root, 'blocked');
    fs.writeFileSync(blocked, 'a file where the cache folder should be');
    const database = await openDatabase({ dataDir: path.join(root, 'empty'), cacheDir: blocked });
    try {
      expect(await migrationsApplied(database)).toBe(journal);
    } finally {
      await database.close();
    }
    expect(fs.readFileSync(blocked, 'utf8')).toContain('a file');
  });
});
