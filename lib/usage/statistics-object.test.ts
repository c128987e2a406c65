import { describe, expect, it, vi } from 'vitest';
import { parseObjectName, parseStatisticsObject, stillGrowing } from './statistics-object';

/** How many bodies went to the exact (slow) parser. */
const exact = vi.hoisted(() => ({ parses: 0 }));
vi.mock('lossless-json', async (original) => {
  const real = await original<typeof import('lossless-json')>();
  return { ...real, parse: (...args: Parameters<typeof real.parse>) => ((exact.parses += 1), real.parse(...args)) };
});

const GUIDE_OBJECT = `{"fmt_version": 1, "service_id": 8000000000000065, "start_ts": 1485966714, "period": 1390, "nr_items": 1,
  "items": [{"key": {"bucket": "client", "epoch": 98309, "user_id": "b81d6c5f895a8c86", "tag": ""},
  "counters": {"ops": {"put": 1, "get": 3, "list": 0, "other": 0}, "net_io": {"uploaded": 41258, "downloaded": 45511311}}}]}`;

describe('statistics object names', () => {
  it('reads the vendor guide’s names, with hex service ids', () => {
    expect(parseObjectName('s3-usage-800000000000006a-2017-02-01T16:27:24.000Z-1800')).toEqual({
      serviceId: '800000000000006a',
      start: new Date('2017-02-01T16:27:24.000Z'),
      nominalPeriodSeconds: 1800,
    });
  });

 it.each(['xs3-usage-8000000000000065-2017-02-01T16:27:24.000Z-1800', 's3-usage-8000000000000065-2017-02-01T16:27:24.000Z-1800x', 's3-usage-8000000000000065-2017-02-01T16:27:24.000Z-', 's3-usage-80000000000000-2017-02-01T16:27:24.000Z-1800', 's3-usage-8000000000000065-2017-02-30T16:27:24.000Z-1800', 'other-object', 's3-usage-8000000000000065-2017-02-01T16:27:24Z-1800'])('refuses %s', (name) => {
    expect(parseObjectName(name)).toBeNull();
  });

  it('leaves an object alone until one period after its nominal end', () => {
    const name = parseObjectName('s3-usage-8000000000000065-2026-11-29T10:00:00.000Z-60')!;
    expect(stillGrowing(name, new Date('2026-11-29T10:01:59.000Z'))).toBe(true);
    expect(stillGrowing(name, new Date('2026-11-29T10:02:00.000Z'))).toBe(false);
  });
});

describe('statistics object bodies', () => {
  it('parse the vendor guide’s example exactly', () => {
    const parsed = parseStatisticsObject(GUIDE_OBJECT);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.object.items[0].counters.net_io.downloaded).toBe(45511311n);
    expect(parsed.object.items[0].key.epoch).toBe(98309n);
  });

  it('keep counters beyond 2^53 exact, up to 2^63 - 1 (what the ledger keeps)', () => {
    const parsed = parseStatisticsObject(GUIDE_OBJECT.replace('45511311', '1234567890123456789'));
    expect(parsed.ok && parsed.object.items[0].counters.net_io.downloaded).toBe(1234567890123456789n);
    const largest = parseStatisticsObject(GUIDE_OBJECT.replace('45511311', '9223372036854775807'));
    expect(largest.ok && largest.object.items[0].counters.net_io.downloaded).toBe(2n ** 63n - 1n);
  });

  it('take the built-in parser when only the service id is beyond 2^53 (it is never read), the exact one when a counter is', () => {
    exact.parses = 0;
    const guide = parseStatisticsObject(GUIDE_OBJECT);
    expect(guide.ok && guide.object.items[0].counters.net_io.downloaded).toBe(45511311n);
    const spaced = parseStatisticsObject(GUIDE_OBJECT.replace('"service_id": 8000000000000065', '"service_id" :\n -18446744073709551615'));
    expect(spaced.ok).toBe(true);
    expect(exact.parses).toBe(0);
    const large = parseStatisticsObject(GUIDE_OBJECT.replace('45511311', '1234567890123456789'));
    expect(large.ok && large.object.items[0].counters.net_io.downloaded).toBe(1234567890123456789n);
    expect(exact.parses).toBe(1);
    // What the service id is followed by is still read as it stands.
    const broken = GUIDE_OBJECT.replace('8000000000000065', '8000000000000065x');
    expect(parseStatisticsObject(broken)).toEqual({ ok: false, reason: `not valid JSON (${broken.length} bytes)` });
  });

  it.each([
    ['truncated JSON', GUIDE_OBJECT.slice(0, 80), /not valid JSON/],
    ['a negative counter', GUIDE_OBJECT.replace('"put": 1', '"put": -1'), /negative/],
    ['a fractional counter', GUIDE_OBJECT.replace('"put": 1', '"put": 1.5'), /whole number/],
    ['a counter beyond what the ledger keeps', GUIDE_OBJECT.replace('45511311', '9223372036854775808'), /beyond 2\^63 - 1/],
    ['an epoch beyond what the ledger keeps', GUIDE_OBJECT.replace('98309', '18446744073709551615'), /epoch is beyond/],
    ['an epoch below what the ledger keeps', GUIDE_OBJECT.replace('98309', '-9223372036854775809'), /epoch is beyond/],
    ['a large negative counter', GUIDE_OBJECT.replace('45511311', '-9223372036854775808'), /negative/],
    ['a fractional epoch', GUIDE_OBJECT.replace('98309', '98309.5'), /epoch must be a whole number/],
    ['a wrong item count', GUIDE_OBJECT.replace('"nr_items": 1', '"nr_items": 2'), /nr_items/],
    ['another format version', GUIDE_OBJECT.replace('"fmt_version": 1', '"fmt_version": 2'), /fmt_version/],
  ])('give a reason for %s', (_what, text, reason) => {
    const parsed = parseStatisticsObject(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });
});

describe('why a body cannot be trusted, in words', () => {
  const body = (put: unknown) => `{"fmt_version": 1, "service_id": 1, "start_ts": 1, "period": 60, "nr_items": 1, "items": [{"key": {"bucket": "b", "epoch": 0, "user_id": "u", "tag": ""}, "counters": {"ops": {"put": ${put}, "get": 0, "list": 0, "other": 0}, "net_io": {"uploaded": 0, "downloaded": 0}}}]}`;
  it.each([
    ['-1', 'items.0.counters.ops.put: a counter cannot be negative'],
    ['1.5', 'items.0.counters.ops.put: a counter must be a whole number'],
    ['"7"', 'items.0.counters.ops.put: a counter must be a number, not text'],
    ['null', 'items.0.counters.ops.put: a counter must be a number, not null'],
    ['[7]', 'items.0.counters.ops.put: a counter must be a number, not a list'],
    ['{"n": 7}', 'items.0.counters.ops.put: a counter must be a number, not an object'],
    ['true', 'items.0.counters.ops.put: a counter must be a number, not true or false'],
    ['9223372036854775808', 'items.0.counters.ops.put: a counter is beyond 2^63 - 1, more than the ledger keeps'],
  ])('put = %s', (put, reason) => {
    expect(parseStatisticsObject(body(put))).toEqual({ ok: false, reason: expect.stringContaining(reason) });
  });

  it('names at most three problems, and the object itself when the problem has no path', () => {
    const many = JSON.stringify({ fmt_version: 2, start_ts: -1, period: -1, nr_items: -1, items: 'x' });
    const parsed = parseStatisticsObject(many);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason.split('; ')).toHaveLength(3);
    const count = parseStatisticsObject('{"fmt_version": 1, "service_id": 1, "start_ts": 1, "period": 60, "nr_items": 2, "items": []}');
    expect(count).toEqual({ ok: false, reason: 'object: nr_items does not match the number of items' });
  });
});
