/**
 * CSV as spreadsheets read it safely: a field is quoted when it must be, and a value that a
 * spreadsheet would take for a formula (`=…`, `+…`, `@…`, a dash not starting a number) is
 * prefixed with `'`. Lines end with CRLF.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export const csvRow = (values: readonly string[]): string => `${values.map(csvField).join(',')}\r\n`;

/**
 * A CSV download streamed row by row: memory stays flat however many rows there are. A failure
 * midway ends the download with a last line saying so, rather than a file that looks complete.
 */
export function csvDownload(filename: string, header: readonly string[], rows: AsyncIterable<readonly string[]>): Response {
  const encoder = new TextEncoder();
  const iterator = rows[Symbol.asyncIterator]();
  let headerSent = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvRow(header)));
        return;
      }
      try {
        // A batch per pull: fewer, larger chunks.
        let batch = '';
        for (let i = 0; i < 500; i++) {
          const next = await iterator.next();
          if (next.done) {
            if (batch) controller.enqueue(encoder.encode(batch));
            controller.close();
            return;
          }
          batch += csvRow(next.value);
        }
        controller.enqueue(encoder.encode(batch));
      } catch (error) {
        controller.enqueue(encoder.encode(csvRow([`ERROR: the export stopped here: ${error instanceof Error ? error.message : 'failed'}`])));
        controller.close();
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(stream, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]+/g, '_')}"` },
  });
}
