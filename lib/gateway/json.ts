import { isSafeNumber, parse } from 'lossless-json';

/**
 * Parses gateway JSON without losing precision: integers beyond 2^53 (`h_integral`, counters)
 * become bigints, every other number a number. See the spec digest on large integers.
 */
export function parseGatewayJson(text: string): unknown {
  return parse(text, null, (value: string) => {
    if (/^-?\d+$/.test(value)) return isSafeNumber(value) ? Number(value) : BigInt(value);
    return Number(value);
  });
}
