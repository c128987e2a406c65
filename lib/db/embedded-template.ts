import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';

/**
 * A ready-made embedded database: initialised and migrated once per machine, then copied for
 * every new one. PostgreSQL's initdb, run inside WebAssembly, takes three to five seconds and
 * holds a second database engine in memory while it runs; copying a finished data folder takes a
 * tenth of that. The template is named by everything that makes it (the engine's version, its
 * start parameters, the migrations), so a change to any of them makes a new one, never a stale
 * database.
 */

/** The engine's settings. A small buffer pool: the embedded database serves one console and small sets. */
export const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];

export interface Template {
  /** A closed data folder: copied to make a database on disk. */
  dir: string;
  /** The same folder as a tar: loaded to make a database in memory. */
  tar: string;
}

const holder = globalThis as unknown as { staasTemplates?: Map<string, Promise<Template | null>> };
const made = (holder.staasTemplates ??= new Map());

/** Where the engine's package is installed: its version names the template, its WebAssembly is compiled once a process (embedded-thread.ts). */
export const PGLITE_PACKAGE = path.resolve(process.cwd(), 'node_modules/@electric-sql/pglite');

function pgliteVersion(): string {
  try {
    const file = path.join(PGLITE_PACKAGE, 'package.json');
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** What the template is made of, as a short hash. */
export function templateKey(migrations: string): string {
  const hash = crypto.createHash('sha256').update(pgliteVersion()).update('\0').update(PGLITE_START_PARAMS.join(' '));
  for (const name of fs.readdirSync(migrations, { recursive: true }).map(String).sort()) {
    const file = path.join(migrations, name);
    if (fs.statSync(file).isFile()) hash.update('\0').update(name).update('\0').update(fs.readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * The template for these migrations in `cacheDir`, made if missing; null when it cannot be made
 * (a read-only folder, say), in which case a database is made the slow way.
 */
export function embeddedTemplate(cacheDir: string, migrations: string): Promise<Template | null> {
  let key: string;
  try {
    key = templateKey(migrations);
  } catch {
    return Promise.resolve(null);
  }
  const final = path.join(cacheDir, `pglite-${key}`);
  const cached = made.get(final);
  if (cached) return cached;
  const promise = ensure(cacheDir, final, migrations).catch((error: unknown) => {
    console.error(`[db] no embedded database template (${(error as Error).message}); making the database from scratch`);
    made.delete(final);
    return null;
  });
  made.set(final, promise);
  return promise;
}

async function ensure(cacheDir: string, final: string, migrations: string): Promise<Template> {
  const template = { dir: path.join(final, 'data'), tar: path.join(final, 'data.tar') };
  // The folder appears by one rename once complete: if it is there, it is whole.
  if (fs.existsSync(final)) return template;
  fs.mkdirSync(cacheDir, { recursive: true });
  const work = fs.mkdtempSync(path.join(cacheDir, '.making-'));
  try {
    const client = new PGlite(path.join(work, 'data'), { startParams: PGLITE_START_PARAMS });
    try {
      await migrate(drizzle(client), { migrationsFolder: migrations });
      const tar = await client.dumpDataDir('none');
      fs.writeFileSync(path.join(work, 'data.tar'), Buffer.from(await tar.arrayBuffer()));
    } finally {
      await client.close();
    }
    try {
      fs.renameSync(work, final);
    } catch (error) {
      // Another process finished the same template first: theirs is as good.
      if (!fs.existsSync(final)) throw error;
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  // Templates of other migrations or engine versions are of no more use, nor work left by a process that died.
  for (const name of fs.readdirSync(cacheDir)) {
    const entry = path.join(cacheDir, name);
    const stale = name.startsWith('pglite-') ? entry !== final : name.startsWith('.making-') && Date.now() - fs.statSync(entry).mtimeMs > 3_600_000;
    if (stale) fs.rmSync(entry, { recursive: true, force: true });
  }
  return template;
}

/** True when `dataDir` holds no database yet (missing, or an empty folder). */
export function isNewDataDir(dataDir: string): boolean {
  try {
    return fs.readdirSync(dataDir).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

/**
 * Makes a new database in `dataDir` from the template: copied beside it, then moved into place in
 * one rename, so that a copy cut short never looks like a database.
 */
export function copyTemplate(template: Template, dataDir: string): void {
  const target = path.resolve(dataDir);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const work = fs.mkdtempSync(`${target}.new-`);
  try {
    fs.cpSync(template.dir, work, { recursive: true, mode: fs.constants.COPYFILE_FICLONE });
    // rename(2) replaces an empty folder; the caller checked that it is empty or missing.
    fs.renameSync(work, target);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
