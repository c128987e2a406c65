import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { PGLITE_PACKAGE } from './embedded-template';

/**
 * The embedded database on a thread of its own. PGlite runs each statement to its end in one
 * synchronous call: on the console's thread, every request, gateway answer and timer waited
 * behind it (a page asked while 500 first-seen dates were written; a collection run storing
 * objects while it could be reading the next ones). Here the console's thread sends a statement
 * and goes on with other work until the answer comes back.
 *
 * `EmbeddedThread` answers the part of PGlite's interface the query builder and the console use
 * (`query`, `exec`, `transaction`, `listen`, `close`), with the same behaviour: statements run in
 * the order they are sent, a transaction holds the database until it ends (other statements wait
 * for it), and a notification arrives before the answer to the statement that sent it.
 *
 * Messages (this thread → the database's): `query` {sql, params, rowMode, keepText: column types
 * left as text, for this side's parsers}, `exec` {sql}, each with `tx` when inside a transaction;
 * `begin` (answered with a transaction number), `end` {tx, commit}; `listen` {channel}; `close`.
 * Each carries an `id`, and is answered with `{id, result}` or `{id, error}`. Unasked: `ready`,
 * `failed` {error} (it could not open), `notify` {channel, payload}.
 */

const WORKER = path.resolve(process.cwd(), 'lib/db/embedded-thread-worker.mjs');

const holder = globalThis as unknown as { staasPgliteModule?: Promise<WebAssembly.Module> };

/**
 * The database engine (9 MB of WebAssembly), compiled once a process and handed to each thread
 * that opens a database. PGlite keeps it compiled for its own thread only: a second database
 * opened in a process took 0.74–0.88 s with a thread that compiled it again, 0.39–0.49 s with it
 * handed over.
 */
function engine(): Promise<WebAssembly.Module> {
  holder.staasPgliteModule ??= fs.promises
    .readFile(path.join(PGLITE_PACKAGE, 'dist/pglite.wasm'))
    .then((bytes) => WebAssembly.compile(bytes))
    .catch((error: unknown) => {
      holder.staasPgliteModule = undefined;
      throw error;
    });
  return holder.staasPgliteModule;
}

interface Field {
  name: string;
  dataTypeID: number;
}

export interface Results<T = Record<string, unknown>> {
  rows: T[];
  fields: Field[];
  affectedRows?: number;
}

export interface QueryOptions {
  rowMode?: 'object' | 'array';
  /** Values of these column types are handed to these functions as text (as PGlite's `parsers`). */
  parsers?: Record<number, (value: string, type: number) => unknown>;
}

interface Queries {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(sql: string): Promise<Results[]>;
}

export interface EmbeddedTransaction extends Queries {
  readonly closed: boolean;
}

type Reply = { id: number; result: unknown; error?: undefined } | { id: number; error: Record<string, unknown> & { message: string } };

/** The database's error, rebuilt on this thread: its message and its fields (code, detail, constraint…). */
function rebuilt(error: Record<string, unknown> & { message: string }): Error {
  const { message, name, ...fields } = error;
  return Object.assign(new Error(message), fields, name && name !== 'Error' ? { name } : {});
}

export class EmbeddedThread implements Queries {
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private lastId = 0;
  private openTransactions = 0;
  private stopped: Error | null = null;
  private readonly listeners = new Map<string, ((payload: string) => void)[]>();

  private constructor(private readonly worker: Worker) {
    worker.on('message', (message: Reply | { op: 'notify'; channel: string; payload: string }) => {
      if ('op' in message) {
        for (const listener of this.listeners.get(message.channel) ?? []) listener(message.payload);
        return;
      }
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      this.holdProcess();
      if (message.error) waiting.reject(rebuilt(message.error));
      else waiting.resolve(message.result);
    });
    const stop = (error: Error) => {
      this.stopped ??= error;
      for (const waiting of this.pending.values()) waiting.reject(this.stopped);
      this.pending.clear();
    };
    worker.on('error', (error) => stop(new Error(`The embedded database stopped: ${error.message}`)));
    worker.on('exit', (code) => stop(new Error(`The embedded database stopped (its thread ended with code ${code}).`)));
  }

  /** Opens the database in `dataDir` (null: in memory, from the data folder in `tar` when given). */
  static async open(options: { dataDir: string | null; tar: string | null; startParams: string[] }): Promise<EmbeddedThread> {
    // Plain JavaScript: none of the process's loaders (a command run with tsx) are needed there.
    const worker = new Worker(WORKER, { workerData: { ...options, engine: await engine() }, execArgv: [] });
    await new Promise<void>((resolve, reject) => {
      const ended = (code: number) => reject(new Error(`The embedded database could not be opened (its thread ended with code ${code}).`));
      const early = (message: { op?: string; error?: Reply['error'] }) => {
        if (message.op === 'ready') resolve();
        else if (message.op === 'failed' && message.error) reject(rebuilt(message.error));
        else return;
        worker.off('message', early);
        worker.off('error', reject);
        worker.off('exit', ended);
      };
      worker.on('message', early);
      worker.once('error', reject);
      worker.once('exit', ended);
    });
    worker.unref();
    return new EmbeddedThread(worker);
  }

  /**
   * The thread keeps the process alive only while a statement or a transaction is under way: a
   * command that forgets to close the database still ends, and one that awaits an answer is not
   * ended under it.
   */
  private holdProcess(): void {
    if (this.pending.size > 0 || this.openTransactions > 0) this.worker.ref();
    else this.worker.unref();
  }

  private ask<T>(message: Record<string, unknown>): Promise<T> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = ++this.lastId;
    const answer = new Promise<T>((resolve, reject) => this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject }));
    try {
      this.worker.postMessage({ ...message, id });
    } catch (error) {
      // A value that cannot be sent to another thread (a function, a symbol): nothing was sent.
      this.pending.delete(id);
      return Promise.reject(new Error(`The statement could not be sent to the embedded database: ${(error as Error).message}`));
    }
    this.holdProcess();
    return answer;
  }

  private async runQuery<T>(sql: string, params: unknown[] | undefined, options: QueryOptions | undefined, tx?: number): Promise<Results<T>> {
    const parsers = options?.parsers;
    const keepText = parsers ? Object.keys(parsers).map(Number) : [];
    const results = await this.ask<Results<T>>({ op: 'query', sql, params: params ?? [], rowMode: options?.rowMode, keepText, tx });
    if (parsers && keepText.length > 0) parseColumns(results, parsers, options?.rowMode === 'array');
    return results;
  }

  query<T = Record<string, unknown>>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    return this.runQuery<T>(sql, params, options);
  }

  exec(sql: string): Promise<Results[]> {
    return this.ask({ op: 'exec', sql });
  }

  /** Runs `body` in a transaction: committed when it returns, rolled back when it throws (the throw passed on). */
  async transaction<T>(body: (tx: EmbeddedTransaction) => Promise<T>): Promise<T> {
    const number = await this.ask<number>({ op: 'begin' });
    this.openTransactions++;
    let closed = false;
    const check = () => {
      if (closed) throw new Error('Transaction is closed');
    };
    const tx: EmbeddedTransaction = {
      query: async (sql, params, options) => (check(), this.runQuery(sql, params, options, number)),
      exec: async (sql) => (check(), this.ask({ op: 'exec', sql, tx: number })),
      get closed() {
        return closed;
      },
    };
    try {
      let result: T;
      try {
        result = await body(tx);
      } catch (error) {
        closed = true;
        await this.ask({ op: 'end', tx: number, commit: false }).catch(() => undefined);
        throw error;
      }
      closed = true;
      await this.ask({ op: 'end', tx: number, commit: true });
      return result;
    } finally {
      this.openTransactions--;
      this.holdProcess();
    }
  }

  /** Runs `onPayload` for every notification on `channel`. */
  async listen(channel: string, onPayload: (payload: string) => void): Promise<void> {
    const listeners = this.listeners.get(channel) ?? [];
    this.listeners.set(channel, [...listeners, onPayload]);
    await this.ask({ op: 'listen', channel });
  }

  /** Closes the database (its files complete) and ends its thread. */
  async close(): Promise<void> {
    if (this.stopped) return;
    await this.ask({ op: 'close' });
    this.stopped = new Error('The embedded database is closed.');
    await this.worker.terminate();
  }
}

/** Hands the columns of the parsers' types, left as text by the database's thread, to the parsers. */
function parseColumns(results: Results<unknown>, parsers: NonNullable<QueryOptions['parsers']>, arrays: boolean): void {
  const columns = results.fields.flatMap((field, index) => (parsers[field.dataTypeID] ? [{ key: arrays ? index : field.name, parse: parsers[field.dataTypeID], type: field.dataTypeID }] : []));
  if (columns.length === 0) return;
  for (const row of results.rows as Record<string | number, unknown>[]) {
    for (const { key, parse, type } of columns) if (typeof row[key] === 'string') row[key] = parse(row[key] as string, type);
  }
}
