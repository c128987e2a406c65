// The embedded database's own thread: PGlite runs here, so that its statements (each runs to its
// end in one synchronous call) never hold the console's thread. lib/db/embedded-thread.ts starts
// it and is the only one that speaks to it; every message is described there.
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

/** @type {{ dataDir: string | null; tar: string | null; startParams: string[]; engine: WebAssembly.Module }} */
const { dataDir, tar, startParams, engine } = workerData;
const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);

/** An error as plain data: its message and the database's fields (code, detail, constraint…). */
function plain(error) {
  // The engine's file system throws plain objects ({ name: 'ErrnoError', errno: 54 }), not errors.
  if (!(error instanceof Error)) return { message: error && typeof error === 'object' ? Object.entries(error).map(([key, value]) => `${key} ${value}`).join(', ') : String(error) };
  const fields = {};
  for (const [key, value] of Object.entries(error)) if (typeof value === 'string' || typeof value === 'number') fields[key] = value;
  return { ...fields, name: error.name, message: error.message };
}

/** The database's answer to `query`, with the columns of `keepText` types left as text (the caller parses them). */
function queryOptions(message) {
  const options = { rowMode: message.rowMode ?? 'object' };
  if (message.keepText?.length) options.parsers = Object.fromEntries(message.keepText.map((type) => [type, (value) => value]));
  return options;
}

let database;
try {
  database = dataDir
    ? new PGlite(dataDir, { startParams, pgliteWasmModule: engine })
    : new PGlite({ startParams, pgliteWasmModule: engine, ...(tar ? { loadDataDir: new Blob([fs.readFileSync(tar)]) } : {}) });
  await database.waitReady;
} catch (error) {
  const reason = plain(error);
  port.postMessage({ op: 'failed', error: { ...reason, message: `The embedded database in ${dataDir ?? 'memory'} could not be opened: ${reason.message}` } });
  process.exit(1);
}

/** Open transactions by number: their handle, and how to end them (true: commit). */
const transactions = new Map();
let lastTransaction = 0;
/** Channels listened on: a notification is posted before the answer to the statement that sent it. */
const channels = new Set();

function begin(id) {
  const number = ++lastTransaction;
  database
    .transaction(async (tx) => {
      const ended = new Promise((resolve) => transactions.set(number, { tx, end: resolve }));
      port.postMessage({ id, result: number });
      // Rolled back by throwing: PGlite then sends ROLLBACK and passes the throw on (caught below).
      if (!(await ended)) throw ROLLED_BACK;
    })
    .then(
      () => transactions.get(number)?.reply({ result: null }),
      (error) => {
        const reply = transactions.get(number)?.reply;
        if (!reply) port.postMessage({ id, error: plain(error) }); // BEGIN itself failed
        else reply(error === ROLLED_BACK ? { result: null } : { error: plain(error) });
      },
    )
    .finally(() => transactions.delete(number));
}
const ROLLED_BACK = Symbol('rolled back');

async function answer(message) {
  const { id, op } = message;
  const on = message.tx ? transactions.get(message.tx)?.tx : database;
  if (!on) throw new Error('The transaction has ended.');
  switch (op) {
    case 'query': {
      const { rows, fields, affectedRows } = await on.query(message.sql, message.params, queryOptions(message));
      return { rows, fields, affectedRows };
    }
    case 'exec':
      return (await on.exec(message.sql)).map(({ rows, fields, affectedRows }) => ({ rows, fields, affectedRows }));
    case 'listen':
      if (!channels.has(message.channel)) {
        channels.add(message.channel);
        await database.listen(message.channel, (payload) => port.postMessage({ op: 'notify', channel: message.channel, payload }));
      }
      return null;
    case 'close':
      await database.close();
      return null;
    default:
      throw new Error(`Unknown request ${op} (${id}).`);
  }
}

port.on('message', (message) => {
  const { id, op } = message;
  if (op === 'begin') return begin(id);
  if (op === 'end') {
    const open = transactions.get(message.tx);
    if (!open) return port.postMessage({ id, error: { message: 'The transaction has ended.' } });
    open.reply = (reply) => port.postMessage({ id, ...reply });
    return open.end(message.commit);
  }
  answer(message).then(
    (result) => {
      port.postMessage({ id, result });
      if (op === 'close') port.close();
    },
    (error) => port.postMessage({ id, error: plain(error) }),
  );
});
port.postMessage({ op: 'ready' });
