import type { SimResponse } from '../context';
import { invalidArgument } from '../errors';
import type { ObjectRecord } from '../store/records';
import type { Store } from '../store/store';
import type { XmlNode } from '../xml';
import { objectEntry, xmlDocument, xmlResponse } from './xml-answers';

const MAX_KEYS = 1000;

interface Listing {
  entries: ObjectRecord[];
  prefixes: string[];
  truncated: boolean;
  /** The last key or common prefix returned, where the next page starts after. */
  last: string | null;
}

/** The index of the first key greater than `after` and not before `prefix`. */
function firstIndex(keys: string[], prefix: string, after: string): number {
  const from = after > prefix ? after : prefix;
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < from || (keys[mid] === from && from === after)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Keys after `after` under `prefix`, grouping at `delimiter`, at most `max` entries. */
function list(store: Store, bucket: string, prefix: string, delimiter: string, after: string, max: number): Listing {
  const objects = store.objectsByBucket.get(bucket);
  const sorted = store.keysInOrder(bucket);
  const entries: ObjectRecord[] = [];
  const prefixes: string[] = [];
  // Resuming after a common prefix must skip the rest of that prefix's keys. A key that merely
  // ends with the delimiter (a folder marker, "docs/" listed under "docs/") is an entry, not one.
  const isCommonPrefix = (s: string) => delimiter !== '' && s.length > prefix.length && s.indexOf(delimiter, prefix.length) === s.length - delimiter.length;
  let last: string | null = after || null;
  // max-keys=0 lists nothing and, as S3 answers, is not truncated.
  if (max === 0) return { entries, prefixes, truncated: false, last: null };
  for (let i = firstIndex(sorted, prefix, after); i < sorted.length; i++) {
    const key = sorted[i];
    if (!key.startsWith(prefix)) break;
    if (last !== null && isCommonPrefix(last) && key.startsWith(last)) {
      // Skip the rest of a common prefix at once: the next key past it is found by search.
      i = Math.max(i, firstIndex(sorted, '', `${last}\uffff`) - 1);
      continue;
    }
    if (entries.length + prefixes.length >= max) return { entries, prefixes, truncated: true, last };
    const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
    if (cut >= 0) {
      last = key.slice(0, cut + delimiter.length);
      prefixes.push(last);
    } else {
      last = key;
      entries.push(objects!.get(key)!);
    }
  }
  return { entries, prefixes, truncated: false, last };
}

function maxKeys(text: string | undefined): number {
  if (text === undefined) return MAX_KEYS;
  if (!/^\d{1,9}$/.test(text)) throw invalidArgument('max-keys must be a non-negative whole number');
  return Math.min(Number(text), MAX_KEYS);
}

/** `encoding-type=url`: keys and prefixes percent-encoded in the answer (S3 leaves `/` as it is). */
function encoder(q: Map<string, string>): (text: string) => string {
  const type = q.get('encoding-type');
  if (type === undefined) return (t) => t;
  if (type !== 'url') throw invalidArgument('Invalid Encoding Method specified in Request');
  return (t) => encodeURIComponent(t).replace(/%2F/g, '/');
}

const ownerOf = (store: Store, bucket: string): XmlNode => {
  const owner = store.get('buckets', bucket)?.ownerId ?? '';
  return ['Owner', [['ID', owner], ['DisplayName', store.get('users', owner)?.email ?? owner]]];
};

/** ListObjectsV2 (`list-type=2`) and the original ListObjects. */
export function listObjects(store: Store, bucket: string, q: Map<string, string>): SimResponse {
  const prefix = q.get('prefix') ?? '';
  const delimiter = q.get('delimiter') ?? '';
  const max = maxKeys(q.get('max-keys'));
  const v2 = q.get('list-type') === '2';
  const enc = encoder(q);
  let after: string;
  if (v2) {
    const token = q.get('continuation-token');
    after = token !== undefined ? Buffer.from(token, 'base64url').toString('utf8') : (q.get('start-after') ?? '');
  } else {
    after = q.get('marker') ?? '';
  }
  const page = list(store, bucket, prefix, delimiter, after, max);
  // V1 always names each object's owner; V2 only when asked (fetch-owner=true).
  const owner = !v2 || q.get('fetch-owner') === 'true' ? ownerOf(store, bucket) : null;
  const common: XmlNode[] = [
    ['Name', bucket],
    ['Prefix', enc(prefix)],
    ...(delimiter ? ([['Delimiter', enc(delimiter)]] as XmlNode[]) : []),
    ['MaxKeys', max],
    ...(q.has('encoding-type') ? ([['EncodingType', 'url']] as XmlNode[]) : []),
    ['IsTruncated', page.truncated],
  ];
  const body: XmlNode[] = [
    ...page.entries.map((o): XmlNode => {
      const [name, fields] = objectEntry(o) as [string, XmlNode[]];
      return [name, [['Key', enc(o.key)], ...fields.slice(1), ...(owner ? [owner] : [])]];
    }),
    ...page.prefixes.map((p): XmlNode => ['CommonPrefixes', [['Prefix', enc(p)]]]),
  ];
  if (v2) {
    const tokens: XmlNode[] = [];
    if (q.has('continuation-token')) tokens.push(['ContinuationToken', q.get('continuation-token')!]);
    if (page.truncated && page.last) tokens.push(['NextContinuationToken', Buffer.from(page.last).toString('base64url')]);
    if (q.has('start-after')) tokens.push(['StartAfter', enc(q.get('start-after')!)]);
    return xmlResponse(
      xmlDocument('ListBucketResult', [...common, ['KeyCount', page.entries.length + page.prefixes.length], ...tokens, ...body]),
    );
  }
  const marker: XmlNode[] = [['Marker', enc(after)]];
  if (page.truncated && page.last) marker.push(['NextMarker', enc(page.last)]);
  return xmlResponse(xmlDocument('ListBucketResult', [...common, ...marker, ...body]));
}

/**
 * ListObjectVersions on an unversioned bucket: every object once, as version `null` and the
 * latest. Clients (aws s3 rb --force, rclone purge) use it to empty a bucket.
 */
export function listObjectVersions(store: Store, bucket: string, q: Map<string, string>): SimResponse {
  const prefix = q.get('prefix') ?? '';
  const delimiter = q.get('delimiter') ?? '';
  const max = maxKeys(q.get('max-keys'));
  const enc = encoder(q);
  const after = q.get('key-marker') ?? '';
  const page = list(store, bucket, prefix, delimiter, after, max);
  const owner = ownerOf(store, bucket);
  return xmlResponse(
    xmlDocument('ListVersionsResult', [
      ['Name', bucket],
      ['Prefix', enc(prefix)],
      ['KeyMarker', enc(after)],
      ['VersionIdMarker', q.get('version-id-marker') ?? ''],
      ...(page.truncated && page.last ? ([['NextKeyMarker', enc(page.last)], ['NextVersionIdMarker', 'null']] as XmlNode[]) : []),
      ['MaxKeys', max],
      ...(delimiter ? ([['Delimiter', enc(delimiter)]] as XmlNode[]) : []),
      ...(q.has('encoding-type') ? ([['EncodingType', 'url']] as XmlNode[]) : []),
      ['IsTruncated', page.truncated],
      ...page.entries.map(
        (o): XmlNode => ['Version', [['Key', enc(o.key)], ['VersionId', 'null'], ['IsLatest', true], ['LastModified', o.modified], ['ETag', o.etag], ['Size', o.size], owner, ['StorageClass', 'STANDARD']]],
      ),
      ...page.prefixes.map((p): XmlNode => ['CommonPrefixes', [['Prefix', enc(p)]]]),
    ]),
  );
}
