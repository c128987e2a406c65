import { describe, expect, it } from 'vitest';
import { parseGatewayJson } from './json';
import { InvalidJsonList, JsonListReader, type ListAt } from './json-stream';

/** Reads `text` cut into chunks at `cuts` (byte offsets); the entries, or the error. */
function read(text: string, at: ListAt, cuts: number[]): unknown[] | InvalidJsonList {
  const bytes = Buffer.from(text, 'utf8');
  const entries: unknown[] = [];
  const reader = new JsonListReader(at, (batch) => entries.push(...batch));
  try {
    let from = 0;
    for (const cut of [...cuts, bytes.length]) {
      reader.write(bytes.subarray(from, cut));
      from = cut;
    }
    reader.end();
    expect(reader.count).toBe(entries.length);
    return entries;
  } catch (error) {
    if (error instanceof InvalidJsonList) return error;
    throw error;
  }
}

/** What reading the whole text at once says: the list's entries, or that it is refused. */
function expected(text: string, at: ListAt): unknown[] | 'refused' {
  let whole: unknown;
  try {
    whole = parseGatewayJson(text);
  } catch {
    return 'refused';
  }
  if (at.bare && Array.isArray(whole)) return whole;
  if (whole && typeof whole === 'object' && !Array.isArray(whole) && Array.isArray((whole as Record<string, unknown>)[at.key])) return (whole as Record<string, unknown[]>)[at.key];
  return 'refused';
}

/** Every way of cutting `text` in two and in three (small texts), and one byte at a time. */
function cuttings(text: string): number[][] {
  const n = Buffer.byteLength(text);
  const ways: number[][] = [[], Array.from({ length: Math.max(0, n - 1) }, (_, i) => i + 1)];
  for (let a = 0; a <= n; a++) {
    ways.push([a]);
    if (n <= 60) for (let b = a; b <= n; b += 3) ways.push([a, b]);
  }
  return ways;
}

const KEYED: ListAt = { key: 'Buckets' };
const BARE: ListAt = { key: 'Users', bare: true };

const VALID = [
  '{"Buckets":[]}',
  '{ "Buckets" : [ ] }',
  '{"Buckets":[{"name":"a","size":{"current":1}}]}',
  '{"Buckets":[1,2,3]}',
  '{"Buckets":[{"name":"a,b]}[{","n":[1,[2,{"x":"]"}]]},{"name":"\\"q\\\\","v":null}]}',
  '{"Buckets":[{"name":"\\\\"},{"name":"\\\\\\""}]}',
  '{"Buckets":[{"name":"zürich-Ω-🪣","owner":"\\u00e9"}]}',
  '{"Buckets":[{"s":"},{"},{"n":[{"a":1},{"b":[{},{}]}]},{"s":"x\\"},{"},{}],"After":[{"c":1},{"d":2}]}',
  '{"Buckets":[{},{},{}]}',
  '{"Buckets":[{"a":1}, {"b":2},\n{"c":3}]}',
  '{"Buckets":[{"h_integral":123456789012345678901,"current":5}]}',
  '{"Count":2,"Other":[1,2],"Nested":{"Buckets":[9]},"Buckets":[{"a":1},{"b":2}],"After":[3]}',
  '{"Buck\\u0065ts":[7,8]}',
  '{"x\\"Buckets":[1],"Buckets":[2]}',
  ' \n{"Buckets":\n[\n {"a" : 1} ,\n {"a":2}\n]\n}\n',
  '[{"UserEmail":"a@example.com"},{"UserEmail":"b@example.com"}]',
  '[]',
];

const INVALID = [
  '',
  '{"Buckets":[1,]}',
  '{"Buckets":[,1]}',
  '{"Buckets":[1,,2]}',
  '{"Buckets":[1 2]}',
  '{"Buckets":[{"a":1]}',
  '{"Buckets":[{"a":1}}',
  '{"Buckets":[1,2]',
  '{"Buckets":[1,2',
  '{"Buckets":[1],"Buckets":[2]}',
  '{"Buckets":null}',
  '{"Buckets":{"a":[1]}}',
  '{"Other":[1]}',
  '{"Buckets":[1]}}',
  '{"Buckets":[1]} x',
  '{"Buckets":[1]}]',
  '{"Buckets":["unterminated]}',
  '{"Buckets":["bad \u0001 control"]}',
  '{Buckets:[1]}',
  '{"Buckets" [1]}',
  '[{"Buckets":[1]}]',
  '"Buckets"',
  'null',
  '<html>busy</html>',
];

describe('a long list read as it arrives', () => {
  it('hands over exactly the entries the whole text holds, however the answer is cut', () => {
    for (const text of VALID) {
      const at = text.trimStart().startsWith('[') ? BARE : KEYED;
      const want = expected(text, at);
      expect(want, text).not.toBe('refused');
      for (const cuts of cuttings(text)) expect(read(text, at, cuts), `${text} cut at ${cuts.join(',')}`).toEqual(want);
    }
  });

  it('refuses what the whole text would be refused for, however the answer is cut', () => {
    for (const text of INVALID) {
      for (const at of [KEYED, { key: 'Buckets', bare: true }]) {
        if (expected(text, at) !== 'refused') continue;
        for (const cuts of cuttings(text)) expect(read(text, at, cuts), `${text} cut at ${cuts.join(',')}`).toBeInstanceOf(InvalidJsonList);
      }
    }
  });

  it('says whether the text was not JSON or had no list where one was expected', () => {
    expect((read('{"Buckets":[1,]}', KEYED, []) as InvalidJsonList).kind).toBe('syntax');
    expect((read('{"Other":[1]}', KEYED, []) as InvalidJsonList).kind).toBe('shape');
    expect((read('{"Buckets":null}', KEYED, []) as InvalidJsonList).kind).toBe('shape');
    expect((read('[1,2]', KEYED, []) as InvalidJsonList).kind).toBe('shape');
    // JSON.parse would keep the last of two; an answer that names its list twice is refused.
    expect((read('{"Buckets":[1],"Buckets":[2]}', KEYED, []) as InvalidJsonList).kind).toBe('shape');
    expect(read('{"Buckets":[1],"Other":{"Buckets":[2]}}', KEYED, [])).toEqual([1]);
  });

  it('hands over a long list in batches as it arrives, keeping only an unfinished entry', () => {
    const entries = Array.from({ length: 5000 }, (_, i) => ({ name: `bucket-${i}`, size: { current: i, h_integral: 10n ** 20n + BigInt(i) } }));
    const text = `{"Buckets":[${entries.map((e) => `{"name":"${e.name}","size":{"current":${e.size.current},"h_integral":${e.size.h_integral}}}`).join(',')}]}`;
    const bytes = Buffer.from(text);
    const batches: number[] = [];
    const got: unknown[] = [];
    const reader = new JsonListReader(KEYED, (batch) => {
      batches.push(batch.length);
      got.push(...batch);
    });
    for (let from = 0; from < bytes.length; from += 16_384) reader.write(bytes.subarray(from, from + 16_384));
    reader.end();
    expect(got).toEqual(entries);
    expect(batches.length).toBeGreaterThan(10);
    expect(Math.max(...batches)).toBeLessThan(500);
  });

  it('parses a list whose numbers are never read with JSON.parse alone, and any other list exactly', () => {
    const text = '[{"UserId":"1","OwnerId":"0000000000000000","Extra":12345678901234567890},{"UserId":"2"}]';
    const exact = read(text, BARE, [30]) as { Extra?: unknown }[];
    expect(exact[0].Extra).toBe(12345678901234567890n);
    const plain = read(text, { ...BARE, numbersUnread: true }, [30]) as { Extra?: unknown }[];
    // What JSON.parse gives: the nearest double, not the integer sent.
    expect(plain[0].Extra).toBe(Number('12345678901234567890'));
    expect(plain).toEqual(JSON.parse(text));
    // Still refused when it is not valid JSON.
    expect(read('[{"UserId":"1"},{"UserId":}]', { ...BARE, numbersUnread: true }, [16])).toBeInstanceOf(InvalidJsonList);
  });

  it('passes on what the receiver of a batch throws, and stops there', () => {
    const reader = new JsonListReader(KEYED, () => {
      throw new Error('not a bucket');
    });
    expect(() => {
      reader.write(Buffer.from('{"Buckets":[1,2'));
      reader.write(Buffer.from(',3]}'));
    }).toThrow('not a bucket');
  });
});
