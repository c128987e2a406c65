import { errorWords } from '../db/error-words';
/**
 * A download written as it is read: an opening, one piece of text per item, a closing — any
 * number of items in flat memory, 500 to a chunk. A failure midway ends the text with `failure`'s
 * words rather than a file that looks complete.
 */
export function textStream<T>(
  items: AsyncIterable<T>,
  parts: { opening: string; render: (item: T, index: number) => string; closing: string; failure: (message: string) => string },
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = items[Symbol.asyncIterator]();
  let started = false;
  let index = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(parts.opening));
        return;
      }
      let batch = '';
      try {
        for (let i = 0; i < 500; i++) {
          const next = await iterator.next();
          if (next.done) {
            controller.enqueue(encoder.encode(batch + parts.closing));
            controller.close();
            return;
          }
          batch += parts.render(next.value, index++);
        }
        controller.enqueue(encoder.encode(batch));
      } catch (error) {
        controller.enqueue(encoder.encode(batch + parts.failure(errorWords(error))));
        controller.close();
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
