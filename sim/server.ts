import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { accountsService } from './admin/accounts';
import { bucketsService } from './admin/buckets';
import { limitsService } from './admin/limits';
import { quotasService } from './admin/quotas';
import { usageService } from './admin/usage';
import { usersService } from './admin/users';
import { authenticate } from './auth/authenticate';
import type { Ctx, SimConfig, SimResponse } from './context';
import { RateLimiter } from './enforce/rate-limit';
import { accessDenied, invalidArgument, S3Error } from './errors';
import { Faults, type Strike } from './faults';
import { newRequestId } from './ids';
import { newUser } from './model/users';
import { decodeComponent, headerLists, parseQuery, type SimRequest } from './request';
import { currentEpoch, resolveOperation, runOperation } from './s3/operations';
import { Store } from './store/store';
import { handleTestApi } from './test-api';
import { UsageRecorder } from './usage/recorder';
import { errorDocument } from './xml';

export interface SimulatorOptions {
  port?: number;
  host?: string;
  /** Folder for persisted state; null keeps everything in memory. */
  dataDir?: string | null;
  region?: string;
  usagePeriod?: number;
  collectUsage?: boolean;
  testApi?: boolean;
  /** How many gateway services write statistics objects (each its own service id). */
  services?: number;
  systemKey?: { id: string; secret: string };
  systemEmail?: string;
  now?: () => number;
}

export interface Simulator {
  url: string;
  port: number;
  store: Store;
  usage: UsageRecorder;
  faults: Faults;
  systemKey: { id: string; secret: string };
  close(): Promise<void>;
}

const ADMIN_SERVICES: Record<string, (ctx: Ctx) => SimResponse> = {
  'ostor-users': usersService,
  'ostor-accounts': accountsService,
  'ostor-buckets': bucketsService,
  'ostor-limits': limitsService,
  'ostor-quotas': quotasService,
  'ostor-usage': usageService,
};

const MAX_BODY = 256 * 1024 * 1024;
const FIRST_SERVICE_ID = 8000000000000065n;

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new BodyTooLarge());
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Header values must be printable ASCII; a message about a non-ASCII name keeps its gist. */
const headerSafe = (text: string) => text.replace(/[^\x20-\x7e]/g, '?').slice(0, 1024);

function errorResponse(error: unknown, requestId: string, resource: string): SimResponse {
  const e =
    error instanceof S3Error
      ? error
      : new S3Error(500, 'InternalError', 'We encountered an internal error. Please try again.');
  if (!(error instanceof S3Error)) console.error(`[sim] ${requestId}`, error);
  return {
    status: e.status,
    headers: { 'content-type': 'application/xml', 'x-amz-err-message': headerSafe(e.message) },
    body: errorDocument(e.code, e.message, resource, requestId, e.extra),
  };
}

/** The answer as a broken proxy would pass it on (see faults.ts). */
function mangle(response: SimResponse, mode: Strike['mode']): SimResponse {
  const text = response.body ? response.body.toString() : '';
  if (mode === 'truncate') {
    return { ...response, status: text ? response.status : 200, body: text.slice(0, Math.ceil(text.length / 2)) || '{"Us' };
  }
  return { ...response, status: text ? response.status : 200, headers: { 'content-type': 'application/json' }, body: '{"UserEmail": tru, "nr_items": [}' };
}

async function send(res: ServerResponse, response: SimResponse, head: boolean): Promise<void> {
  const body = response.body === undefined ? Buffer.alloc(0) : Buffer.from(response.body);
  const headers: Record<string, string | number> = { ...response.headers };
  if (response.status !== 204 && !('content-length' in headers)) headers['content-length'] = body.length;
  res.writeHead(response.status, headers);
  if (head || response.status === 204 || body.length === 0) {
    res.end();
    return;
  }
  if (!response.bytesPerSecond) {
    res.end(body);
    return;
  }
  // Bandwidth limit: a tenth of a second's worth at a time.
  const slice = Math.max(1, Math.floor(response.bytesPerSecond / 10));
  for (let offset = 0; offset < body.length && !res.destroyed; offset += slice) {
    if (!res.write(body.subarray(offset, offset + slice))) await new Promise((r) => res.once('drain', r));
    if (offset + slice < body.length) await sleep(100);
  }
  res.end();
}

function ensureSystemUser(store: Store, wanted: SimulatorOptions['systemKey'], email: string) {
  const existing = [...store.maps.users.values()].find((u) => u.flags.includes('system'));
  if (existing && wanted) {
    const key = store.get('keys', wanted.id);
    if (key?.userId === existing.id && key.secret === wanted.secret) return wanted;
    // The operator gave a new pair: it replaces the system user's pairs.
    store.commit([
      ...existing.keys.map((k) => ({ c: 'keys' as const, k, v: null })),
      { c: 'keys', k: wanted.id, v: { id: wanted.id, secret: wanted.secret, userId: existing.id, account: null } },
      { c: 'users', k: existing.id, v: { ...existing, keys: [wanted.id] } },
    ]);
    return wanted;
  }
  if (existing) {
    const key = store.get('keys', existing.keys[0])!;
    return { id: key.id, secret: key.secret };
  }
  const created = newUser(store, email, { system: true, key: wanted });
  store.commit(created.changes);
  return { id: created.key.id, secret: created.key.secret };
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const now = options.now ?? Date.now;
  const config: SimConfig = {
    region: options.region ?? 'us-east-1',
    usagePeriod: options.usagePeriod ?? 60,
    collectUsage: options.collectUsage ?? true,
    testApi: options.testApi ?? false,
    maxSkewMs: 15 * 60 * 1000,
  };
  const store = new Store(options.dataDir ?? null);
  const systemKey = ensureSystemUser(store, options.systemKey, options.systemEmail ?? 'system@gateway.local');
  const serviceIds = Array.from({ length: options.services ?? 1 }, (_, i) => String(FIRST_SERVICE_ID + BigInt(i)));
  const usage = new UsageRecorder(store, {
    collect: config.collectUsage,
    serviceIds,
    periodSeconds: config.usagePeriod,
    now,
  });
  const faults = new Faults();
  const limiter = new RateLimiter(now);
  const presigned = { aheadMs: 0 };
  const sockets = new Set<Socket>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = newRequestId();
    res.setHeader('x-amz-request-id', requestId);
    const url = req.url ?? '/';
    const cut = url.indexOf('?');
    const rawPath = cut < 0 ? url : url.slice(0, cut);
    const rawQuery = cut < 0 ? '' : url.slice(cut + 1);
    const head = req.method === 'HEAD';
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        res.setHeader('connection', 'close');
        await send(res, errorResponse(new S3Error(400, 'EntityTooLarge', `Bodies over ${MAX_BODY} bytes are refused`), requestId, rawPath), head);
      }
      return;
    }
    if (rawPath.startsWith('/__sim/')) {
      handleTestApi({ enabled: config.testApi, store, usage, faults, now, presigned }, req, res, rawPath, body);
      return;
    }
    let response: SimResponse;
    let strike: Strike | null = null;
    try {
      const query = parseQuery(rawQuery);
      const adminService = query[0]?.name.startsWith('ostor-') ? query[0].name : null;
      strike = faults.next(adminService ?? 's3');
      if (strike?.latencyMs) await sleep(strike.latencyMs);
      if (strike?.mode === 'hang') return;
      if (strike?.mode === 'reset') {
        req.socket.resetAndDestroy();
        return;
      }
      if (strike?.mode === 'error') {
        throw new S3Error(strike.status, strike.status === 503 ? 'ServiceUnavailable' : 'InternalError', 'Injected fault: the gateway failed');
      }
      const simReq: SimRequest = {
        id: requestId,
        method: req.method ?? 'GET',
        rawPath,
        path: decodeComponent(rawPath, 'path'),
        rawQuery,
        query,
        headers: req.headers,
        headerLists: headerLists(req.rawHeaders),
        body,
      };
      const principal = authenticate(simReq, store, { region: config.region, maxSkewMs: config.maxSkewMs, now, presignedAheadMs: presigned.aheadMs });
      const ctx: Ctx = { req: simReq, principal, store, config, usage, limiter, now };
      if (adminService) {
        if (!principal.system) throw accessDenied(`Only a system user may call ${adminService}`);
        const service = Object.hasOwn(ADMIN_SERVICES, adminService) ? ADMIN_SERVICES[adminService] : undefined;
        if (!service) throw invalidArgument(`Unknown admin service "${adminService}"`);
        if (simReq.path !== '/') throw invalidArgument('Admin services are called on the gateway root, "/"');
        if (query[0].value !== null) throw invalidArgument(`"${adminService}" takes no value`);
        response = service(ctx);
      } else {
        const queryMap = new Map(query.map((p) => [p.name, p.value ?? '']));
        const op = resolveOperation(simReq.method, simReq.path, queryMap);
        const epochBefore = currentEpoch(ctx, op.bucket);
        let ok = false;
        let result: SimResponse | undefined;
        try {
          result = runOperation(ctx, op, queryMap);
          ok = true;
        } finally {
          if (!principal.system) {
            const epoch = op.bucket && store.get('buckets', op.bucket) ? currentEpoch(ctx, op.bucket) : epochBefore;
            usage.record({
              userId: principal.user.id,
              bucket: op.bucket ?? '',
              epoch,
              op: op.usage,
              // Object bytes that came in: a whole object, or a part of a multipart upload.
              uploaded: ok && (op.name === 'PutObject' || op.name === 'UploadPart') ? simReq.body.length : 0,
              downloaded: ok && op.name === 'GetObject' && result?.body ? result.body.length : 0,
            });
          }
        }
        response = result;
      }
    } catch (error) {
      response = errorResponse(error, requestId, rawPath);
    }
    if (strike?.mode === 'truncate' || strike?.mode === 'malformed') response = mangle(response, strike.mode);
    await send(res, response, head);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error) => {
      console.error('[sim] unhandled', error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  // Idle connections stay open a minute, as gateways behind load balancers do: a shorter timeout
  // races clients that reuse a pooled connection just as the server closes it (ECONNRESET).
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const flushTimer = setInterval(() => usage.flush(), config.usagePeriod * 1000);
  flushTimer.unref();
  const port = (server.address() as AddressInfo).port;
  let closed = false;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    store,
    usage,
    faults,
    systemKey,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(flushTimer);
      const done = new Promise((resolve) => server.close(resolve));
      for (const socket of sockets) socket.destroy();
      await done;
      store.close();
    },
  };
}
