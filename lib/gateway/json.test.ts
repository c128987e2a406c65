import { describe, expect, it } from 'vitest';
import { parseGatewayJson } from './json';

describe('parseGatewayJson', () => {
  it('keeps integers beyond 2^53 exact as bigints', () => {
    expect(parseGatewayJson('{"h_integral": 2600000000000000000123, "small": 12288, "f": 0.5}')).toEqual({
      h_integral: 2600000000000000000123n,
      small: 12288,
      f: 0.5,
    });
    expect(parseGatewayJson('[9007199254740993]')).toEqual([9007199254740993n]);
    expect(parseGatewayJson('{"a" :\n -9007199254740993, "b":[1,\t12345678901234567890]}')).toEqual({ a: -9007199254740993n, b: [1, 12345678901234567890n] });
  });

  it('reads long digit strings as strings, and plain answers as plain numbers', () => {
    expect(parseGatewayJson('{"OwnerId": "0000000000000000", "n": 3}')).toEqual({ OwnerId: '0000000000000000', n: 3 });
    expect(parseGatewayJson('{"service_id":8000000000000065}')).toEqual({ service_id: 8000000000000065 });
  });

  it('refuses text that is not JSON', () => {
    expect(() => parseGatewayJson('{"a": tru')).toThrow();
    expect(() => parseGatewayJson('<html>')).toThrow();
  });
});
