import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CACHE_DIR } from './client';
import { embeddedTemplate, PGLITE_START_PARAMS } from './embedded-template';
import { EmbeddedThread } from './embedded-thread';

const MIGRATIONS = path.resolve('db/migrations');
const TIMESTAMPTZ = 1184;

async function openInMemory(): Promise<EmbeddedThread> {
  const template = await embeddedTemplate(DEFAULT_CACHE_DIR, MIGRATIONS);
  return EmbeddedThread.open({ dataDir: null, tar: template?.tar ?? null, startParams: PGLITE_START_PARAMS });
}

/** Runs a script of its own in a new process from the project's folder: its exit code and what it printed. */
function runScript(body: string): Promise<{ code: number | null; out: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-thread-'));
  const file = path.join(dir, 'script.mts');
  fs.writeFileSync(file, `import { EmbeddedThread } from ${JSON.stringify(path.resolve('lib/db/embedded-thread.ts'))};\n${body}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      fs.rmSync(dir, { recursive: true, force: true });
      resolve({ code, out });
    });
  });
}

describe('the embedded database on its own thread', () => {
  let thread: EmbeddedThread;
  beforeAll(async () => {
    thread = await openInMemory();
    await thread.exec('create table things (id int primary key, name text not null unique, at timestamptz, size bigint, bytes bytea, tags text[])');
  });
  afterAll(() => thread?.close());

  it('answers as PGlite does: parameters of every kind, rows as objects or as arrays, with their fields', async () => {
    const at = new Date('2026-11-30T12:34:56.789Z');
    const size = 2n ** 60n + 1n;
    const inserted = await thread.query('insert into things values ($1, $2, $3, $4, $5, $6)', [1, 'first "one", \\ {x}', at, size, new Uint8Array([0, 1, 255]), ['a', 'b,c', null]]);
    expect(inserted.affectedRows).toBe(1);
    const { rows, fields } = await thread.query<Record<string, unknown>>('select * from things where id = $1', [1]);
    expect(rows).toEqual([{ id: 1, name: 'first "one", \\ {x}', at, size, bytes: new Uint8Array([0, 1, 255]), tags: ['a', 'b,c', null] }]);
    expect(fields.map((f) => f.name)).toEqual(['id', 'name', 'at', 'size', 'bytes', 'tags']);
    const asArrays = await thread.query<unknown[]>('select id, name from things where id = $1', [1], { rowMode: 'array' });
    expect(asArrays.rows).toEqual([[1, 'first "one", \\ {x}']]);
    expect((await thread.query('select * from things where id = $1', [null])).rows).toEqual([]);
  });

  it('hands the columns its caller parses over as the database wrote them, to the caller’s own parsers', async () => {
    const seen: [string, number][] = [];
    const parsers = { [TIMESTAMPTZ]: (value: string, type: number) => (seen.push([value, type]), `parsed ${value}`) };
    const { rows } = await thread.query<unknown[]>("select id, at, timestamptz '2026-01-02 03:04:05+00' as other from things where id = 1", [], { rowMode: 'array', parsers });
    expect(rows).toEqual([[1, 'parsed 2026-11-30 12:34:56.789+00', 'parsed 2026-01-02 03:04:05+00']]);
    expect(seen).toEqual([
      ['2026-11-30 12:34:56.789+00', TIMESTAMPTZ],
      ['2026-01-02 03:04:05+00', TIMESTAMPTZ],
    ]);
  });

  it('passes the database’s errors on with their fields, and goes on answering', async () => {
    const error = (await thread.query('insert into things (id, name) values (2, $1)', ['first "one", \\ {x}']).then(
      () => null,
      (e: unknown) => e,
    )) as Error & Record<string, unknown>;
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(/duplicate key value violates unique constraint "things_name_key"/);
    expect(error).toMatchObject({ code: '23505', constraint: 'things_name_key', table: 'things' });
    await expect(thread.query('select nothing from nowhere')).rejects.toThrow(/relation "nowhere" does not exist/);
    expect((await thread.query('select count(*)::int as n from things')).rows).toEqual([{ n: 1 }]);
  });

  it('refuses a parameter that cannot reach the database’s thread, and goes on answering', async () => {
    await expect(thread.query('select $1', [() => 1])).rejects.toThrow(/could not be sent to the embedded database/);
    await expect(thread.query('select $1', [Symbol('x')])).rejects.toThrow(/could not be sent to the embedded database/);
    expect((await thread.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
  });

  it('commits a transaction whose body returns; statements asked meanwhile wait for it to end', async () => {
    let outside: Promise<{ rows: { n: number }[] }> | null = null;
    const result = await thread.transaction(async (tx) => {
      await tx.query('insert into things (id, name) values (10, $1)', ['ten']);
      outside = thread.query<{ n: number }>('select count(*)::int as n from things where id >= 10');
      expect((await tx.query<{ n: number }>('select count(*)::int as n from things where id >= 10')).rows).toEqual([{ n: 1 }]);
      await tx.query('insert into things (id, name) values (11, $1)', ['eleven']);
      return 'done';
    });
    expect(result).toBe('done');
    // Asked while the transaction was open: answered after its end, both rows in.
    expect((await outside!).rows).toEqual([{ n: 2 }]);
  });

  it('rolls back a transaction whose body throws, passes the throw on, and refuses the closed transaction', async () => {
    let kept: Parameters<Parameters<EmbeddedThread['transaction']>[0]>[0] | null = null;
    const failure = new Error('the body failed');
    await expect(
      thread.transaction(async (tx) => {
        kept = tx;
        await tx.query('insert into things (id, name) values (20, $1)', ['twenty']);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect((await thread.query('select count(*)::int as n from things where id = 20')).rows).toEqual([{ n: 0 }]);
    expect(kept!.closed).toBe(true);
    await expect(kept!.query('select 1')).rejects.toThrow(/Transaction is closed/);
    // A statement that fails inside: the transaction is rolled back whole.
    await expect(
      thread.transaction(async (tx) => {
        await tx.query('insert into things (id, name) values (21, $1)', ['twenty-one']);
        await tx.query('insert into things (id, name) values (22, $1)', ['ten']);
      }),
    ).rejects.toThrow(/unique constraint/);
    expect((await thread.query('select count(*)::int as n from things where id in (21, 22)')).rows).toEqual([{ n: 0 }]);
  });

  it('delivers a notification before the answer to the statement that sent it', async () => {
    const heard: string[] = [];
    await thread.listen('news', (payload) => heard.push(payload));
    await thread.query("select pg_notify('news', $1)", ['first']);
    expect(heard).toEqual(['first']);
    await thread.transaction(async (tx) => tx.query("select pg_notify('news', 'second')"));
    expect(heard).toEqual(['first', 'second']);
  });

  it('leaves the console’s thread free while a statement runs', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    let ticksWhenAnswered = -1;
    try {
      // Long enough for timers to come due (hundreds of milliseconds); on the caller's thread none would run.
      await thread.query('select count(*) from generate_series(1, 3000000)').then(() => (ticksWhenAnswered = ticks));
    } finally {
      clearInterval(timer);
    }
    expect(ticksWhenAnswered).toBeGreaterThan(0);
  });

  it('reports a database that cannot be opened by the engine’s reason', async () => {
    const notAFolder = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-thread-')), 'file');
    fs.writeFileSync(notAFolder, 'not a database');
    await expect(EmbeddedThread.open({ dataDir: notAFolder, tar: null, startParams: PGLITE_START_PARAMS })).rejects.toThrow(
      // The engine's own words follow (today "name ErrnoError, errno 54": ENOTDIR in its numbering).
      new RegExp(`^The embedded database in ${notAFolder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} could not be opened: (?!\\[object Object\\])\\S`),
    );
  });

  it('refuses every statement once closed, with a clear error', async () => {
    const other = await openInMemory();
    await other.close();
    await expect(other.query('select 1')).rejects.toThrow(/The embedded database is closed/);
    await expect(other.transaction(async () => 1)).rejects.toThrow(/The embedded database is closed/);
    await other.close();
  });

  it('keeps a command running while a statement is under way, and lets it end once nothing is', async () => {
    // Opened and never closed: the process still ends when its work is done.
    const left = await runScript(`
      const thread = await EmbeddedThread.open({ dataDir: null, tar: ${JSON.stringify((await embeddedTemplate(DEFAULT_CACHE_DIR, MIGRATIONS))?.tar ?? null)}, startParams: ${JSON.stringify(PGLITE_START_PARAMS)} });
      const { rows } = await thread.query('select count(*)::int as n from generate_series(1, 1000000)');
      console.log('answered', rows[0].n);
      const tx = thread.transaction(async (t) => (await t.query("select 'in a transaction' as said")).rows[0].said);
      console.log(await tx);
    `);
    expect(left.out).toContain('answered 1000000');
    expect(left.out).toContain('in a transaction');
    expect(left.code).toBe(0);
  });
});
