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

/** Keys after `after` under `prefix`, grouping at `delimiter`, at most `max` entries. */
function list(objects: Map<string, ObjectRecord> | undefined, prefix: string, delimiter: string, after: string, max: number): Listing {
  const keys = [...(objects?.keys() ?? [])].filter((k) => k.startsWith(prefix) && k > after).sort();
  const entries: ObjectRecord[] = [];
  const prefixes: string[] = [];
  // Resuming after a common prefix must skip the rest of that prefix's keys.
  let last: string | null = after || null;
  for (const key of keys) {
    if (last !== null && delimiter && key.startsWith(last) && last.endsWith(delimiter)) continue;
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

/** ListObjectsV2 (`list-type=2`) and the original ListObjects. */
export function listObjects(store: Store, bucket: string, q: Map<string, string>): SimResponse {
  const prefix = q.get('prefix') ?? '';
  const delimiter = q.get('delimiter') ?? '';
  const max = maxKeys(q.get('max-keys'));
  const objects = store.objectsByBucket.get(bucket);
  const v2 = q.get('list-type') === '2';
  let after: string;
  if (v2) {
    const token = q.get('continuation-token');
    after = token !== undefined ? Buffer.from(token, 'base64url').toString('utf8') : (q.get('start-after') ?? '');
  } else {
    after = q.get('marker') ?? '';
  }
  const page = list(objects, prefix, delimiter, after, max);
  const common: XmlNode[] = [
    ['Name', bucket],
    ['Prefix', prefix],
    ...(delimiter ? ([['Delimiter', delimiter]] as XmlNode[]) : []),
    ['MaxKeys', max],
    ['IsTruncated', page.truncated],
  ];
  const body: XmlNode[] = [
    ...page.entries.map(objectEntry),
    ...page.prefixes.map((p): XmlNode => ['CommonPrefixes', [['Prefix', p]]]),
  ];
  if (v2) {
    const tokens: XmlNode[] = [];
    if (q.has('continuation-token')) tokens.push(['ContinuationToken', q.get('continuation-token')!]);
    if (page.truncated && page.last) tokens.push(['NextContinuationToken', Buffer.from(page.last).toString('base64url')]);
    if (q.has('start-after')) tokens.push(['StartAfter', q.get('start-after')!]);
    return xmlResponse(
      xmlDocument('ListBucketResult', [...common, ['KeyCount', page.entries.length + page.prefixes.length], ...tokens, ...body]),
    );
  }
  const marker: XmlNode[] = [['Marker', after]];
  if (page.truncated && page.last) marker.push(['NextMarker', page.last]);
  return xmlResponse(xmlDocument('ListBucketResult', [...common, ...marker, ...body]));
}
