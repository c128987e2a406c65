import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every module that can reach a secret — the environment (the gateway's system-user secret, the
 * session key), the database, the session options or the signed gateway request — starts with
 * `import 'server-only'`, so that a browser bundle importing it, even by a chain of imports, fails
 * the build instead of shipping the secret's code path to the browser.
 */

const ROOT = path.resolve(import.meta.dirname, '..');
const SECRETS = ['lib/config/env.ts', 'lib/db/index.ts', 'lib/auth/options.ts', 'lib/gateway/request.ts'];

/**
 * The database layer itself and the staff seeding it needs: loaded outside Next by drizzle-kit and
 * by the scripts that create the first admin or an API token (where `server-only` would refuse to
 * load). They hold no secret: they are handed a connection.
 */
const DATABASE_TOOLING = ['lib/db/client.ts', 'lib/db/embedded-template.ts', 'lib/db/schema.ts', 'lib/db/testing.ts', 'lib/db/arrays.ts', 'lib/auth/staff.ts', 'lib/api-tokens/tokens.ts'];

/** Reads or writes the console's tables at run time. */
const queriesDatabase = (source: string) => /^import\s+(?!type\s)[^;]*from\s+'drizzle-orm(\/[^']*)?';$/m.test(source);

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { recursive: true })
    .map(String)
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => path.posix.join(dir, f.split(path.sep).join('/')));
}

/** The modules a file imports at run time (type-only imports carry nothing to the browser). */
function runtimeImports(file: string, source: string, exists: (file: string) => boolean): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/^(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?'([^']+)'/gm)) {
    let spec = m[1];
    if (spec.startsWith('@/')) spec = spec.slice(2);
    else if (spec.startsWith('.')) spec = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
    else continue;
    const hit = [`${spec}.ts`, `${spec}.tsx`, `${spec}/index.ts`].find(exists);
    if (hit) found.push(hit);
  }
  return found;
}

/** Files that reach one of `secrets` through their run-time imports, and whether each declares server-only. */
function secretReach(files: string[], read: (f: string) => string, secrets: string[], exists = (f: string) => fs.existsSync(path.join(ROOT, f))) {
  const graph = new Map(files.map((f) => [f, runtimeImports(f, read(f), exists)]));
  const memo = new Map<string, boolean>();
  const reaches = (f: string, path: Set<string>): boolean => {
    if (secrets.includes(f)) return true;
    if (memo.has(f)) return memo.get(f)!;
    if (path.has(f)) return false;
    path.add(f);
    const r = (graph.get(f) ?? []).some((g) => reaches(g, path));
    path.delete(f);
    memo.set(f, r);
    return r;
  };
  return files.filter((f) => reaches(f, new Set())).map((f) => ({ file: f, serverOnly: /^import 'server-only';$/m.test(read(f)) }));
}

const read = (f: string) => fs.readFileSync(path.join(ROOT, f), 'utf8');

describe('server-only', () => {
  const files = [...sourceFiles('lib'), ...sourceFiles('app')];
  const reaching = secretReach(files, read, SECRETS);

  it('finds the modules that reach a secret (the check has something to check)', () => {
    expect(reaching.length).toBeGreaterThan(40);
    expect(reaching.map((r) => r.file)).toEqual(expect.arrayContaining(['lib/usage/collector.ts', 'app/prefetch.tsx']));
  });

  it('is declared by every module that queries the database, apart from the database tooling', () => {
    const missing = files.filter((f) => queriesDatabase(read(f)) && !DATABASE_TOOLING.includes(f) && !/^import 'server-only';$/m.test(read(f)));
    expect(files.filter((f) => queriesDatabase(read(f))).length).toBeGreaterThan(15);
    expect(missing).toEqual([]);
  });

  it('is declared by every one of them (Next keeps its own route, page and layout files on the server)', () => {
    const nextServerFile = (f: string) => /^app\/(.*\/)?(route\.ts|page\.tsx|layout\.tsx)$/.test(f) && !/^'use client'/m.test(read(f));
    const missing = reaching.filter((r) => !r.serverOnly && !nextServerFile(r.file)).map((r) => r.file);
    expect(missing).toEqual([]);
  });

  it('follows imports through modules that hold no secret themselves, and ignores type-only ones', () => {
    const sources: Record<string, string> = {
      'lib/config/env.ts': "import 'server-only';",
      'lib/a.ts': "import { b } from './b';",
      'lib/b.ts': "import { env } from './config/env';",
      'lib/c.ts': "import type { Env } from './config/env';",
    };
    const result = secretReach(Object.keys(sources), (f) => sources[f], ['lib/config/env.ts'], (f) => f in sources);
    expect(result).toEqual([
      { file: 'lib/config/env.ts', serverOnly: true },
      { file: 'lib/a.ts', serverOnly: false },
      { file: 'lib/b.ts', serverOnly: false },
    ]);
  });
});
