import { S3Error } from '../errors';
import { EMPTY_SHA256, hmac, sha256Hex } from './sigv4';

export interface ChunkSigning {
  signingKey: Buffer;
  amzDate: string;
  scope: string;
  seedSignature: string;
}

const incomplete = (why: string) => new S3Error(400, 'IncompleteBody', `The aws-chunked body is malformed: ${why}`);

/**
 * Decodes an `aws-chunked` body (`<hex size>[;chunk-signature=<sig>]\r\n<data>\r\n … 0…\r\n`,
 * then optional trailers) as the AWS SDKs send streaming uploads. With `signing`, every chunk's
 * signature is checked against the chain that starts at the request's own signature.
 */
export function decodeAwsChunked(body: Buffer, signing: ChunkSigning | null): Buffer {
  const chunks: Buffer[] = [];
  let offset = 0;
  let previous = signing?.seedSignature ?? '';
  for (;;) {
    const lineEnd = body.indexOf('\r\n', offset);
    if (lineEnd < 0) throw incomplete('a chunk header has no line end');
    const headerLine = body.toString('latin1', offset, lineEnd);
    const [sizeText, ...extensions] = headerLine.split(';');
    if (!/^[0-9a-fA-F]+$/.test(sizeText)) throw incomplete(`bad chunk size "${sizeText.slice(0, 20)}"`);
    const size = parseInt(sizeText, 16);
    const start = lineEnd + 2;
    if (start + size > body.length) throw incomplete('a chunk is shorter than its declared size');
    const data = body.subarray(start, start + size);
    if (signing) {
      const sent = extensions.find((e) => e.startsWith('chunk-signature='))?.slice('chunk-signature='.length);
      const expected = hmac(
        signing.signingKey,
        ['AWS4-HMAC-SHA256-PAYLOAD', signing.amzDate, signing.scope, previous, EMPTY_SHA256, sha256Hex(data)].join('\n'),
      ).toString('hex');
      if (sent !== expected) {
        throw new S3Error(403, 'SignatureDoesNotMatch', 'A chunk signature of the streaming upload does not match');
      }
      previous = expected;
    }
    if (size === 0) break;
    chunks.push(data);
    offset = start + size;
    if (body.toString('latin1', offset, offset + 2) !== '\r\n') throw incomplete('a chunk does not end with CRLF');
    offset += 2;
  }
  return Buffer.concat(chunks);
}
