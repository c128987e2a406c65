/**
 * JSON with bigint support: a bigint is written as a bare integer, as the gateway writes its
 * counters (`h_integral` can pass 2^53). Key order is the insertion order of each object.
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? `\u0000big:${v}` : v)).replace(
    /"\\u0000big:(-?\d+)"/g,
    '$1',
  );
}
