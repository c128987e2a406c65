import crypto from 'node:crypto';
import { header, type SimRequest } from '../request';
import { byCodeUnits } from '../text';

/** Sub-resources that belong to a plain S3 request's V2 canonical resource. */
const SUB_RESOURCES = new Set([
  'acl', 'cors', 'delete', 'lifecycle', 'location', 'logging', 'notification', 'partNumber', 'policy',
  'requestPayment', 'tagging', 'torrent', 'uploadId', 'uploads', 'versionId', 'versioning', 'versions',
  'website', 'response-cache-control', 'response-content-disposition', 'response-content-encoding',
  'response-content-language', 'response-content-type', 'response-expires',
]);

/**
 * The V2 canonical resource. For an admin call it is the path plus the first query element only,
 * exactly as the vendor guide's bash (`/${query%%&*}`) and PHP (`current(explode('&', $query))`)
 * examples sign it; see the spec digest, "Transport and authentication".
 */
export function canonicalResourceV2(req: SimRequest): string {
  const first = req.query[0];
  if (first && first.name.startsWith('ostor-')) return `${req.rawPath}?${first.raw}`;
  const subs = req.query
    .filter((p) => SUB_RESOURCES.has(p.name))
    .sort((a, b) => byCodeUnits(a.name, b.name))
    .map((p) => (p.value === null ? p.name : `${p.name}=${p.value}`));
  return req.rawPath + (subs.length ? `?${subs.join('&')}` : '');
}

function canonicalAmzHeaders(req: SimRequest): string {
  return [...req.headerLists.entries()]
    .filter(([name]) => name.startsWith('x-amz-'))
    .sort(([a], [b]) => byCodeUnits(a, b))
    .map(([name, values]) => `${name}:${values.map((v) => v.trim().replace(/\s+/g, ' ')).join(',')}\n`)
    .join('');
}

/**
 * The strings a V2 signature may cover. Clients that send `x-amz-date` sign an empty Date line;
 * the vendor guide's examples sign the Date header. Both are accepted.
 */
export function stringsToSignV2(req: SimRequest): string[] {
  const prefix = `${req.method}\n${header(req, 'content-md5') ?? ''}\n${header(req, 'content-type') ?? ''}\n`;
  const suffix = canonicalAmzHeaders(req) + canonicalResourceV2(req);
  const candidates = [`${prefix}${header(req, 'date') ?? ''}\n${suffix}`];
  if (req.headerLists.has('x-amz-date')) candidates.push(`${prefix}\n${suffix}`);
  return candidates;
}

export function signV2(secret: string, stringToSign: string): string {
  return crypto.createHmac('sha1', secret).update(stringToSign).digest('base64');
}
