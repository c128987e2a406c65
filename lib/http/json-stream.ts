/**
 * A JSON object streamed as it is made: `head`'s fields, then one array (`key`) whose items come
 * from `items` as they are read — any number of them in flat memory. A failure midway ends the
 * array with an `error` field rather than a document that looks complete.
 */
export function jsonDownload(head: Record<string, unknown>, key: string, items: AsyncIterable<unknown>): Response {
  const encoder = new TextEncoder();
  const iterator = items[Symbol.asyncIterator]();
  let started = false;
  let first = true;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        const opening = JSON.stringify(head).slice(0, -1);
        controller.enqueue(encoder.encode(`${opening}${opening.length > 1 ? ',' : ''}${JSON.stringify(key)}:[`));
        return;
      }
      try {
        let batch = '';
        for (let i = 0; i < 500; i++) {
          const next = await iterator.next();
          if (next.done) {
            controller.enqueue(encoder.encode(`${batch}]}`));
            controller.close();
            return;
          }
          batch += `${first ? '' : ','}${JSON.stringify(next.value)}`;
          first = false;
        }
        controller.enqueue(encoder.encode(batch));
      } catch (error) {
        controller.enqueue(encoder.encode(`],"error":${JSON.stringify(`the export stopped here: ${error instanceof Error ? error.message : 'failed'}`)}}`));
        controller.close();
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(stream, { headers: { 'content-type': 'application/json; charset=utf-8' } });
}
