/**
 * The console's HTTP server: Next.js behind a plain Node server of our own, for two things Next
 * does not give a route handler — the connection's own address (Next passes on whatever
 * X-Forwarded-For a client sends) and an orderly stop on SIGTERM. In production it also loads
 * each server chunk's content once (shared-chunks.mjs), and collects its garbage once idle after
 * work (idle-collect.mjs, with the --expose-gc of node-flags.mjs).
 *
 *   node server/index.mjs [--dev] [-p <port>] [-H <host>]     (npm start, npm run dev)
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';
import path from 'node:path';
import next from 'next';
import { clientAddressOf, parseTrustedProxies } from './client-address.mjs';
import { collectWhenIdle } from './idle-collect.mjs';
import { shareIdenticalChunks } from './shared-chunks.mjs';

const args = process.argv.slice(2);
const option = (...names) => {
  const i = args.findIndex((a) => names.includes(a));
  return i >= 0 ? args[i + 1] : undefined;
};
const dev = args.includes('--dev');
const port = Number(option('-p', '--port') ?? process.env.PORT ?? 3000);
const host = option('-H', '--host') ?? '0.0.0.0';

let trusted;
try {
  trusted = parseTrustedProxies(process.env.TRUSTED_PROXIES);
} catch (error) {
  console.error(`staas-console cannot start; fix its configuration:\n  ${error.message}`);
  process.exit(1);
}

// The route handlers read each request's client address from here (lib/http/request-context.ts).
const context = (globalThis[Symbol.for('staas-console.request-context')] ??= new AsyncLocalStorage());
globalThis[Symbol.for('staas-console.server')] = true;

const root = path.resolve(import.meta.dirname, '..');
if (!dev) shareIdenticalChunks(path.join(root, '.next/server/chunks'));
const app = next({ dev, dir: root, hostname: host === '0.0.0.0' ? 'localhost' : host, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  const clientAddress = clientAddressOf(req.socket.remoteAddress, req.headers['x-forwarded-for'], trusted);
  context.run({ clientAddress }, () => {
    handle(req, res).catch((error) => {
      console.error('[server] unhandled', error?.name ?? error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Something went wrong on the console’s side.');
    });
  });
});
collectWhenIdle(server);
server.keepAliveTimeout = 65_000;
server.headersTimeout = 70_000;
server.listen(port, host, () => console.log(`staas-console: listening on http://${host}:${port}${dev ? ' (development)' : ''}`));

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`staas-console: ${signal}: no new requests; finishing those under way`);
  const hooks = globalThis[Symbol.for('staas-console.shutdown')] ?? [];
  const closed = new Promise((resolve) => server.close(resolve));
  server.closeIdleConnections();
  const deadline = setTimeout(() => server.closeAllConnections(), 10_000);
  await closed;
  clearTimeout(deadline);
  for (const hook of hooks) await Promise.resolve(hook()).catch((error) => console.error('[server] on stop:', error?.message ?? error));
  console.log('staas-console: stopped');
  process.exit(0);
}
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
