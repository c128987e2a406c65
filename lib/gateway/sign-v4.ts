import crypto from 'node:crypto';

export interface V4Input {
  method: string;
  url: URL;
  /** Query parameters in order; a value-less one (the service name) has value ''. */
  query: [string, string][];
  body: string;
  accessKeyId: string;
  secret: string;
  region: string;
  now?: Date;
  /** `s3` for the gateway; other values only to check the signer against AWS's test suite. */
  service?: string;
  payloadHashHeader?: boolean;
  /** Keeps the day's signing key for the next request with these credentials (the console's own key pair; see signingKey). */
  keepKey?: boolean;
}

const hmac = (key: crypto.BinaryLike, data: string): Buffer => crypto.createHmac('sha256', key).update(data, 'utf8').digest();
const sha256Hex = (data: string): string => crypto.createHash('sha256').update(data, 'utf8').digest('hex');

/** The hash of an empty payload, which most calls send. */
const EMPTY_PAYLOAD = sha256Hex('');

/** RFC 3986 encoding, as SigV4 wants it: encodeURIComponent, and `!'()*` too. */
const escapeUri = (text: string): string => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Signing keys kept, by key id, day, region and service: a few at most. */
const KEYS_KEPT = 8;
const keys = new Map<string, { secret: string; key: Buffer }>();

/** The key ids whose signing keys are kept (for tests). */
export const keptKeys = (): string[] => [...keys.keys()].map((id) => id.split('\n')[0]);

/**
 * The day's signing key (four HMACs of the secret), kept for the next request when asked (the
 * console's own key pair; a customer's secret, checked at sign-in, is not held beyond its call).
 * A secret that changed for the same key id gets its own key, never the one kept.
 */
function signingKey(input: V4Input, day: string, service: string): Buffer {
  const id = `${input.accessKeyId}\n${day}\n${input.region}\n${service}`;
  const kept = input.keepKey ? keys.get(id) : undefined;
  if (kept?.secret === input.secret) return kept.key;
  let key = hmac(`AWS4${input.secret}`, day);
  for (const part of [input.region, service, 'aws4_request']) key = hmac(key, part);
  if (!input.keepKey) return key;
  keys.delete(id);
  if (keys.size >= KEYS_KEPT) keys.delete(keys.keys().next().value!);
  keys.set(id, { secret: input.secret, key });
  return key;
}

/**
 * AWS Signature V4 headers (`host`, `x-amz-date`, `x-amz-content-sha256` unless told not to, and
 * `authorization`), as AWS's own signer gives them for these requests (service `s3`, the path
 * signed as it is sent, not encoded twice): the tests compare the two on many requests, and AWS's
 * test suite. Written here since the SDK's signer cost twice as much for what a request needs (a
 * hash of the payload and one of the canonical request, one HMAC): 80–85 µs of CPU a signature
 * against 33–46 (5,000 signatures, median of 8 rounds, two runs), made anew or kept alike (its
 * signer object, providers and promises, and an HMAC of the secret to look its key up).
 */
export async function signV4(input: V4Input): Promise<Record<string, string>> {
  const service = input.service ?? 's3';
  const time = (input.now ?? new Date()).toISOString();
  // 2015-08-30T12:36:00.000Z → 20150830T123600Z
  const date = `${time.slice(0, 4)}${time.slice(5, 7)}${time.slice(8, 10)}T${time.slice(11, 13)}${time.slice(14, 16)}${time.slice(17, 19)}Z`;
  const day = date.slice(0, 8);
  const payloadHash = input.body === '' ? EMPTY_PAYLOAD : sha256Hex(input.body);
  const headers: Record<string, string> = { host: input.url.host, 'x-amz-date': date };
  if (input.payloadHashHeader !== false) headers['x-amz-content-sha256'] = payloadHash;

  // By name, then (a name given more than once) by value, every one signed as it is sent.
  const params = new Map<string, string[]>();
  for (const [name, value] of input.query) {
    if (name.toLowerCase() === 'x-amz-signature') continue;
    const encoded = escapeUri(name);
    params.set(encoded, [...(params.get(encoded) ?? []), `${encoded}=${escapeUri(value)}`]);
  }
  const query = [...params.keys()]
    .sort()
    .map((name) => params.get(name)!.sort().join('&'))
    .join('&');
  const names = Object.keys(headers).sort();
  const signedHeaders = names.join(';');
  const canonicalRequest = `${input.method}\n${input.url.pathname}\n${query}\n${names.map((name) => `${name}:${headers[name].trim().replace(/\s+/g, ' ')}`).join('\n')}\n\n${signedHeaders}\n${payloadHash}`;
  const scope = `${day}/${input.region}/${service}/aws4_request`;
  const stringToSign = `AWS4-HMAC-SHA256\n${date}\n${scope}\n${sha256Hex(canonicalRequest)}`;
  const signature = hmac(signingKey(input, day, service), stringToSign).toString('hex');
  return { ...headers, authorization: `AWS4-HMAC-SHA256 Credential=${input.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}` };
}
