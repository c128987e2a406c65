import { textStream } from './text-stream';

/**
 * A JSON object streamed as it is made: `head`'s fields, then one array (`key`) whose items come
 * from `items` as they are read — any number of them in flat memory. A failure midway ends the
 * array with an `error` field rather than a document that looks complete.
 */
export function jsonDownload(head: Record<string, unknown>, key: string, items: AsyncIterable<unknown>): Response {
  const fields = JSON.stringify(head).slice(0, -1);
  const stream = textStream(items, {
    opening: `${fields}${fields.length > 1 ? ',' : ''}${JSON.stringify(key)}:[`,
    render: (item, i) => `${i === 0 ? '' : ','}${JSON.stringify(item)}`,
    closing: ']}',
    failure: (message) => `],"error":${JSON.stringify(`the export stopped here: ${message}`)}}`,
  });
  return new Response(stream, { headers: { 'content-type': 'application/json; charset=utf-8' } });
}
