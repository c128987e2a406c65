import type { Ctx } from '../context';
import { S3Error } from '../errors';

/** What object writes share: key length, user metadata and the stored headers, XML text. */

export const MAX_KEY_BYTES = 1024;

/** Headers S3 stores with an object and gives back on GET and HEAD, besides Content-Type. */
const STORED_HEADERS = ['cache-control', 'content-disposition', 'content-encoding', 'content-language', 'expires'];
/** S3 refuses user metadata over 2 KB (names and values together). */
const MAX_META_BYTES = 2048;

/** The object's metadata as a request sends it: `x-amz-meta-*` (names lower case) and the stored headers. */
export function metadataOf(ctx: Ctx): Record<string, string> {
  const meta: Record<string, string> = {};
  let size = 0;
  for (const [name, values] of ctx.req.headerLists) {
    if (name.startsWith('x-amz-meta-') || STORED_HEADERS.includes(name)) {
      meta[name] = values.join(',');
      if (name.startsWith('x-amz-meta-')) size += Buffer.byteLength(name.slice('x-amz-meta-'.length)) + Buffer.byteLength(meta[name]);
    }
  }
  if (size > MAX_META_BYTES) throw new S3Error(400, 'MetadataTooLarge', `Your metadata headers exceed the maximum allowed metadata size (${MAX_META_BYTES} bytes).`);
  return meta;
}

export { unescapeXml } from '../../common/xml-text';
