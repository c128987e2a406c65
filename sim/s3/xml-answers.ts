import type { ObjectRecord } from '../store/records';
import { xmlDocument, type XmlNode } from '../xml';

export function xmlResponse(body: string, status = 200) {
  return { status, headers: { 'content-type': 'application/xml' }, body };
}

export function objectEntry(o: ObjectRecord): XmlNode {
  return [
    'Contents',
    [
      ['Key', o.key],
      ['LastModified', o.modified],
      ['ETag', o.etag],
      ['Size', o.size],
      ['StorageClass', 'STANDARD'],
    ],
  ];
}

export { xmlDocument };
