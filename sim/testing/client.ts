import crypto from 'node:crypto';
import http from 'node:http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

/** How a test signs: the vendor guide's bash example, its PHP example, AWS SigV4, or not at all. */
export type SigningStyle = 'v2-bash' | 'v2-php' | 'v4' | 'none';

export interface KeyPair {
  id: string;
  secret: string;
}

export interface CallOptions {
  style?: SigningStyle;
  body?: string | Buffer;
  headers?: Record<string, string>;
  /** Shifts the signing clock, for skew tests. */
  clockOffsetMs?: number;
  region?: string;
}

export interface CallResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  body: Buffer;
}

/** RFC 2822, as `date -R` and PHP's DATE_RFC2822 print it. */
export function rfc2822(date: Date): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[date.getUTCDay()]}, ${p(date.getUTCDate())} ${months[date.getUTCMonth()]} ${date.getUTCFullYear()} ${p(date.getUTCHours())}:${p(date.getUTCMinutes())}:${p(date.getUTCSeconds())} +0000`;
}

/**
 * Signs as the vendor guide's scripts do, transcribed: the bash `s3_curl` signs
 * "METHOD\n\n\nDATE\nx-amz-content-sha256:UNSIGNED-PAYLOAD\n/${query%%&*}", the PHP
 * `S3_requestCurl` signs "METHOD\n\n\nDATE\n" . current(explode('&', $query)).
 */
function v2Headers(style: 'v2-bash' | 'v2-php', method: string, pathAndQuery: string, key: KeyPair, date: string): Record<string, string> {
  const resource = pathAndQuery.split('&')[0];
  const hmac = (s: string) => crypto.createHmac('sha1', key.secret).update(s).digest('base64');
  if (style === 'v2-bash') {
    const payloadHash = 'x-amz-content-sha256:UNSIGNED-PAYLOAD';
    return {
      Date: date,
      'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
      Authorization: `AWS ${key.id}:${hmac(`${method}\n\n\n${date}\n${payloadHash}\n${resource}`)}`,
    };
  }
  return { Date: date, Authorization: `AWS ${key.id}:${hmac(`${method}\n\n\n${date}\n${resource}`)}` };
}

async function v4Headers(method: string, url: URL, key: KeyPair, body: Buffer, now: Date, region: string, extra: Record<string, string>) {
  const query: Record<string, string> = {};
  for (const part of url.search.slice(1).split('&').filter(Boolean)) {
    const eq = part.indexOf('=');
    query[decodeURIComponent(eq < 0 ? part : part.slice(0, eq))] = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1));
  }
  const signer = new SignatureV4({
    credentials: { accessKeyId: key.id, secretAccessKey: key.secret },
    region,
    service: 's3',
    sha256: Sha256,
    uriEscapePath: false,
  });
  const request = new HttpRequest({
    method,
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    query,
    headers: { host: url.host, 'x-amz-content-sha256': crypto.createHash('sha256').update(body).digest('hex'), ...extra },
    body,
  });
  const signed = await signer.sign(request, { signingDate: now });
  return signed.headers;
}

/** Sends one request exactly as given (a GET may carry a body, as `?ostor-buckets&multi` needs). */
export function rawRequest(method: string, url: string, headers: Record<string, string>, body?: Buffer): Promise<CallResult> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const all = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: all.toString('utf8'), body: all });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A signed request to `base` + `pathAndQuery` (which is sent as written: encode it yourself). */
export async function call(base: string, method: string, pathAndQuery: string, key: KeyPair | null, options: CallOptions = {}): Promise<CallResult> {
  const style = key ? (options.style ?? 'v4') : 'none';
  const body = options.body === undefined ? Buffer.alloc(0) : Buffer.from(options.body);
  const now = new Date(Date.now() + (options.clockOffsetMs ?? 0));
  const url = new URL(base + pathAndQuery);
  let headers: Record<string, string> = { ...options.headers };
  if (key && (style === 'v2-bash' || style === 'v2-php')) {
    headers = { ...headers, ...v2Headers(style, method, pathAndQuery, key, rfc2822(now)) };
  } else if (key && style === 'v4') {
    headers = await v4Headers(method, url, key, body, now, options.region ?? 'us-east-1', headers);
  }
  if (body.length) headers['content-length'] = String(body.length);
  return rawRequest(method, url.toString(), headers, body.length ? body : undefined);
}

export function errorCode(result: CallResult): string | null {
  return /<Code>([^<]*)<\/Code>/.exec(result.text)?.[1] ?? null;
}
