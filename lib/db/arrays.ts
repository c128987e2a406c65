/**
 * A PostgreSQL array literal, to pass many rows as a few parameters
 * (`unnest($1::text[], $2::bigint[], …)`): one statement however many rows, and the same on the
 * server and the embedded database. Text is always quoted (escaped only when it holds a quote or
 * a backslash), so any text is safe; numbers are written bare.
 */
export function pgArray(values: readonly (string | bigint | number)[]): string {
  return `{${values.map(pgArrayElement).join(',')}}`;
}

const NEEDS_ESCAPE = /["\\]/;

/** One element of an array literal, for callers that build several literals in one pass (`{${elements.join(',')}}`). */
export function pgArrayElement(v: string | bigint | number): string {
  if (typeof v !== 'string') return String(v);
  return NEEDS_ESCAPE.test(v) ? `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"` : `"${v}"`;
}

/** The largest PostgreSQL `bigint`: what the ledger keeps of an item's counters and epoch, or a bucket's size. */
export const PG_BIGINT_MAX = 2n ** 63n - 1n;
const PG_BIGINT_MIN = -PG_BIGINT_MAX - 1n;

/** Whether `n` fits a PostgreSQL `bigint` column. */
export const fitsPgBigint = (n: bigint): boolean => n >= PG_BIGINT_MIN && n <= PG_BIGINT_MAX;
