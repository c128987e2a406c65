import 'server-only';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { pipeline } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import zlib from 'node:zlib';
import { ZodError } from 'zod';
import { env } from '../config/env';
import { encodeQueryComponent } from './encode';
import { errorFromResponse, GatewayError } from './errors';
import { requestDeadline } from './deadline';
import { parseGatewayJson } from './json';
import { InvalidJsonList, JsonListReader, type ListAt } from './json-stream';
import { rfc2822Date, signatureV2 } from './sign-v2';
import { signV4 } from './sign-v4';

export type OstorService = 'ostor-users' | 'ostor-accounts' | 'ostor-buckets' | 'ostor-limits' | 'ostor-quotas' | 'ostor-usage';

export interface GatewayCall {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  /** An admin service; omit for a plain S3 call on `path`. */
  service?: OstorService;
  /** Parameters after the service name; null for a value-less switch such as `genKey`. */
  params?: [string, string | null][];
  path?: string;
  body?: string;
  /** Reads and calls that set a desired state may be retried; never a `genKey` or a create. */
  retry?: boolean;
  /** Sign as someone else than the system user (a customer proving their keys). */
  credentials?: { accessKeyId: string; secret: string };
}

export interface GatewayConnection {
  url: string;
  accessKeyId: string;
  secret: string;
  signature: 'v4' | 'v2';
  region: string;
  /** One try's limit. */
  timeoutMs: number;
  /** All tries of one call together (and, inside a console request, all its calls); default: three tries' worth. */
  deadlineMs?: number;
}

export function connectionFromEnv(): GatewayConnection {
  const e = env();
  return {
    url: e.GATEWAY_URL.replace(/\/+$/, ''),
    accessKeyId: e.GATEWAY_ACCESS_KEY_ID,
    secret: e.GATEWAY_SECRET_ACCESS_KEY,
    signature: e.GATEWAY_SIGNATURE,
    region: e.GATEWAY_REGION,
    timeoutMs: e.GATEWAY_TIMEOUT_MS,
    deadlineMs: e.GATEWAY_DEADLINE_MS,
  };
}

/** A gateway answer: `intact` says whether the body's length matched its Content-Length (null: none was sent). */
export interface GatewayAnswer {
  status: number;
  headers: Headers;
  text: string;
  intact: boolean | null;
}

const RETRIES = 2;

/**
 * Takes a successful answer's body as it arrives, instead of it being held whole (the answer's
 * `text` is then empty). Made anew for every try; what it throws ends the call.
 */
export interface BodySink {
  write(chunk: Uint8Array): void;
  end(): void;
}

/**
 * A body goes with its content type named, never left to fetch (which says text/plain): V2 signs
 * the Content-Type line, so what is sent must be what was signed.
 */
const BODY_TYPE = 'application/octet-stream';

async function signedHeaders(conn: GatewayConnection, call: GatewayCall, url: URL, query: [string, string][]): Promise<Record<string, string>> {
  const accessKeyId = call.credentials?.accessKeyId ?? conn.accessKeyId;
  const secret = call.credentials?.secret ?? conn.secret;
  const typed: Record<string, string> = call.body === undefined ? {} : { 'content-type': BODY_TYPE };
  if (conn.signature === 'v4') {
    // The console's own key pair signs almost every call: its day's signing key is kept; a customer's (at sign-in) is not.
    const keepKey = call.credentials === undefined;
    return { ...typed, ...(await signV4({ method: call.method, url, query, body: call.body ?? '', accessKeyId, secret, region: conn.region, keepKey })) };
  }
  const date = rfc2822Date(new Date());
  const resource = call.service ? `/?${call.service}` : url.pathname;
  const signature = signatureV2(secret, { method: call.method, resource, date, contentType: typed['content-type'] });
  return { ...typed, Date: date, Authorization: `AWS ${accessKeyId}:${signature}` };
}

/** What a body sink threw: passed on as it is, not taken for a failed connection (and tried again). */
class SinkStopped {
  constructor(readonly reason: unknown) {}
}

function sinking(step: () => void): void {
  try {
    step();
  } catch (reason) {
    throw new SinkStopped(reason);
  }
}

async function once(conn: GatewayConnection, call: GatewayCall, timeoutMs: number, sink?: (status: number) => BodySink): Promise<GatewayAnswer> {
  const query: [string, string][] = [];
  if (call.service) query.push([call.service, '']);
  for (const [k, v] of call.params ?? []) query.push([k, v ?? '']);
  const search = [
    ...(call.service ? [call.service] : []),
    ...(call.params ?? []).map(([k, v]) => (v === null ? encodeQueryComponent(k) : `${encodeQueryComponent(k)}=${encodeQueryComponent(v)}`)),
  ].join('&');
  const url = new URL(`${conn.url}${call.path ?? '/'}${search ? `?${search}` : ''}`);
  const headers = await signedHeaders(conn, call, url, query);
  try {
    const { response, progressed } = await exchange(url, call, headers, timeoutMs);
    const status = response.statusCode!;
    // A successful answer goes to the sink as it arrives, when there is one; any other is held whole.
    const target = sink && status >= 200 && status < 300 ? sink(status) : null;
    const chunks: Buffer[] = [];
    let length = 0;
    const bodyStarted = Date.now();
    try {
      for await (const chunk of response as AsyncIterable<Buffer>) {
        length += chunk.byteLength;
        // A whole-gateway list is read while it keeps arriving: the timeout bounds each silence.
        if (target && Date.now() - bodyStarted < STREAMED_BODY_LIMIT_MS) progressed();
        if (target) sinking(() => target.write(chunk));
        else chunks.push(chunk);
      }
      if (target) sinking(() => target.end());
    } finally {
      // An answer refused halfway is not read to its end (nor is its connection used again).
      if (!response.readableEnded) response.destroy();
    }
    const declared = declaredLength(response);
    return { status, headers: headersOf(response), text: target ? '' : Buffer.concat(chunks).toString('utf8'), intact: declared === null ? null : declared === length };
  } catch (error) {
    // What a body sink found wrong with the answer (or its own reason to stop), as it said it.
    if (error instanceof SinkStopped) throw error.reason;
    if (error instanceof GatewayError) throw error;
    if (error instanceof TimedOut) throw new GatewayError('timeout', 'The gateway did not answer in time.');
    throw new GatewayError('unreachable', 'The gateway cannot be reached. Check that it is running and that GATEWAY_URL is right.');
  }
}

/**
 * Connections to the gateway are kept open between calls (node:http with keep-alive: a call
 * costs a third of what the fetch API costs on top of the same socket). Idle ones are closed
 * after 4 s, before a gateway's own keep-alive timeout (5 s in Node servers) could close one
 * under a new request.
 */
const AGENTS = {
  'http:': new http.Agent({ keepAlive: true, timeout: 4000 }),
  'https:': new https.Agent({ keepAlive: true, timeout: 4000 }),
};

class TimedOut extends Error {}

/**
 * How long a streamed answer (a whole-gateway list) may take in all, while it keeps arriving. A
 * list of 1,000,000 buckets is 200 MB: a gateway sends it in seconds to tens of seconds, longer
 * than one try's timeout, which bounds a streamed answer's wait for its start and each silence in
 * it instead. (Bounded by the whole try before, a storage round of 1,000,000 buckets failed on a
 * machine where the list took more than 12 s to arrive.)
 */
export const STREAMED_BODY_LIMIT_MS = 15 * 60_000;

/**
 * Sends one request and answers with the response, its body still to be read; `timeoutMs` bounds
 * the whole exchange, the body included, unless the reader calls `progressed` as the body arrives:
 * each call gives it `timeoutMs` more from then. A compressed body (which the console never asks
 * for) is decompressed on the way.
 */
function exchange(url: URL, call: GatewayCall, headers: Record<string, string>, timeoutMs: number): Promise<{ response: IncomingMessage; progressed: () => void }> {
  return new Promise((resolve, reject) => {
    const body = call.body === undefined ? undefined : Buffer.from(call.body);
    const send = url.protocol === 'https:' ? https.request : http.request;
    const request = send(url, {
      method: call.method,
      agent: AGENTS[url.protocol as 'http:' | 'https:'],
      headers: { ...headers, ...(call.method === 'PUT' || call.method === 'POST' || body ? { 'content-length': String(body?.length ?? 0) } : {}) },
    });
    const expire = () => request.destroy(new TimedOut());
    let timer = setTimeout(expire, timeoutMs);
    let finished = false;
    const done = () => {
      finished = true;
      clearTimeout(timer);
    };
    const progressed = () => {
      if (finished) return;
      clearTimeout(timer);
      timer = setTimeout(expire, timeoutMs);
    };
    request.on('error', (error) => {
      done();
      reject(error);
    });
    request.on('response', (response) => {
      response.on('end', done);
      response.on('close', done);
      // A timeout or a dropped connection while the body is read ends the body with that error.
      request.on('error', (error) => response.destroy(error));
      const encoding = (response.headers['content-encoding'] ?? 'identity').toLowerCase();
      const decode = encoding === 'gzip' || encoding === 'x-gzip' ? zlib.createGunzip() : encoding === 'deflate' ? zlib.createInflate() : encoding === 'br' ? zlib.createBrotliDecompress() : null;
      if (!decode) return resolve({ response, progressed });
      const decoded = Object.assign(decode, { statusCode: response.statusCode, headers: response.headers }) as unknown as IncomingMessage;
      pipeline(response, decode, () => undefined);
      resolve({ response: decoded, progressed });
    });
    request.end(body);
  });
}

/** The length the gateway declared, when the body as sent can be checked against it. */
function declaredLength(response: IncomingMessage): number | null {
  const declared = response.headers['content-length'];
  const encoded = response.headers['content-encoding'];
  return declared === undefined || (encoded !== undefined && encoded !== 'identity') ? null : Number(declared);
}

function headersOf(response: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * One gateway call: signed, timed out, retried with backoff only where safe, errors typed. All
 * its tries share one budget (the request's, inside a console request): when it runs out, the
 * error says how many tries were made in how long.
 */
export async function gatewayRequest(call: GatewayCall, conn: GatewayConnection = connectionFromEnv(), sink?: (status: number) => BodySink): Promise<GatewayAnswer> {
  const started = Date.now();
  const endsAt = requestDeadline() ?? started + (conn.deadlineMs ?? conn.timeoutMs * (RETRIES + 1) + 1000);
  for (let attempt = 0; ; attempt++) {
    let error: GatewayError;
    const left = endsAt - Date.now();
    if (left <= 0) throw outOfTime(attempt, Date.now() - started, null);
    try {
      const result = await once(conn, call, Math.min(conn.timeoutMs, left), sink);
      if (result.status >= 200 && result.status < 300) return result;
      error = errorFromResponse(result.status, result.headers, result.text);
    } catch (caught) {
      if (!(caught instanceof GatewayError)) throw caught;
      error = caught;
    }
    const transient = error.kind === 'unreachable' || error.kind === 'timeout' || error.kind === 'failed' || error.code === 'SlowDown';
    const pause = 150 * 2 ** attempt + Math.random() * 100;
    if (!call.retry || !transient || attempt >= RETRIES || Date.now() + pause >= endsAt) {
      throw error.kind === 'timeout' ? outOfTime(attempt + 1, Date.now() - started, error) : error;
    }
    await sleep(pause);
  }
}

/** A call that ran out of time, in words: how many tries, in how long. */
function outOfTime(tries: number, elapsedMs: number, last: GatewayError | null): GatewayError {
  if (tries === 0) return new GatewayError('timeout', 'The gateway was not asked: this request’s time for the gateway had already run out on earlier calls.');
  const count = tries === 1 ? '1 try' : `${tries} tries`;
  return new GatewayError('timeout', `The gateway did not answer in time: ${count} in ${seconds(elapsedMs)}.${last && last.kind !== 'timeout' ? ` The last said: ${last.message}` : ''}`);
}

/** A call whose answer is JSON, checked by `parse` (a zod schema's parse). */
export async function gatewayJson<T>(call: GatewayCall, parse: (value: unknown) => T, conn?: GatewayConnection): Promise<T> {
  const { text, status } = await gatewayRequest(call, conn);
  let value: unknown;
  try {
    value = parseGatewayJson(text);
  } catch {
    throw new GatewayError('invalid-response', `The gateway’s answer was not valid JSON (HTTP ${status}, ${text.length} bytes).`, status);
  }
  try {
    return parse(value);
  } catch {
    throw new GatewayError('invalid-response', 'The gateway’s answer did not have the expected shape.', status);
  }
}

/** What a long list's entries are gathered into, one entry at a time: made anew for every try. */
export interface ListCollector<T> {
  add(entry: unknown): void;
  result(): T;
}

/**
 * A call whose answer holds one long list (`at`), read as it arrives: each entry goes to the
 * collector (which checks it, then keeps what it needs of it), so that neither the answer's text
 * nor its parsed whole is ever held. Accepts and refuses exactly what `gatewayJson` with the
 * list's schema would.
 */
export async function gatewayJsonList<T>(call: GatewayCall, at: ListAt, collector: () => ListCollector<T>, conn?: GatewayConnection): Promise<T> {
  let collecting: ListCollector<T> | null = null;
  let bytes = 0;
  let status = 0;
  const refuse = (error: unknown): never => {
    if (error instanceof InvalidJsonList && error.kind === 'syntax') throw new GatewayError('invalid-response', `The gateway’s answer was not valid JSON (HTTP ${status}, ${bytes} bytes).`, status);
    if (error instanceof InvalidJsonList || error instanceof ZodError) throw new GatewayError('invalid-response', 'The gateway’s answer did not have the expected shape.', status);
    // The collector's own reason to stop (or a fault of ours): passed on as it is.
    throw error;
  };
  // Whatever the reader or the collector's schema finds wrong ends the call as an invalid response.
  const checked = (step: () => void) => {
    try {
      step();
    } catch (error) {
      refuse(error);
    }
  };
  await gatewayRequest(call, conn, (answered) => {
    const into = (collecting = collector());
    bytes = 0;
    status = answered;
    const reader = new JsonListReader(at, (entries) => {
      for (const entry of entries) into.add(entry);
    });
    return {
      write(chunk) {
        bytes += chunk.byteLength;
        checked(() => reader.write(chunk));
      },
      end: () => checked(() => reader.end()),
    };
  });
  return collecting!.result();
}
