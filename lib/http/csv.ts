import { textStream } from './text-stream';

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
  const stream = textStream(rows, {
    opening: csvRow(header),
    render: (row) => csvRow(row),
    closing: '',
    failure: (message) => csvRow([`ERROR: the export stopped here: ${message}`]),
  });
  return new Response(stream, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]+/g, '_')}"` },
  });
}
