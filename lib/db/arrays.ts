/**
 * A PostgreSQL array literal of text values, to pass many rows as a few parameters
 * (`unnest($1::text[], $2::bigint[], …)`): one statement however many rows, and the same on the
 * server and the embedded database. Every element is quoted, so any text is safe.
 */
export function pgArray(values: readonly (string | bigint | number)[]): string {
  return `{${values.map((v) => `"${String(v).replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}
