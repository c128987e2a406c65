import { isSafeNumber, parse } from 'lossless-json';

/**
 * Parses gateway JSON without losing precision: integers beyond 2^53 (`h_integral`, counters)
 * become bigints, every other number a number. See the spec digest on large integers.
 */
export function parseGatewayJson(text: string): unknown {
  // Most answers (user lists of 100,000 entries among them) hold no integer of 16 digits or more
  // outside strings: the built-in parser is exact for those, and many times faster.
  if (!/[:[,]\s*-?\d{16,}/.test(text)) return JSON.parse(text);
  return parse(text, null, (value: string) => {
    if (/^-?\d+$/.test(value)) return isSafeNumber(value) ? Number(value) : BigInt(value);
    return Number(value);
  });
}
