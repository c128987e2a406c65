import { describe, expect, it } from 'vitest';
import { bucketListSchema, bucketSummarySchema } from './schemas';

const bucket = { size: { current: 10449771, h_integral: 16268727277121, hmax: 10449771, last_ts: 498892 }, epoch: 0, owner_id: 'bec6c4e76f190de2', name: 'photos', creation_date: '2026-11-12T04:06:06.190Z' };

describe("the whole-gateway bucket list's summary", () => {
  it('keeps every field the full list keeps but the size counters it never reads', () => {
    const [summary] = [bucketSummarySchema.parse(bucket)];
    const [full] = bucketListSchema.parse({ Buckets: [bucket] }).Buckets;
    expect(summary).toEqual({ ...full, size: { current: 10449771n } });
    expect(bucketSummarySchema.parse({ ...bucket, size: { current: 2n ** 64n } }).size.current).toBe(2n ** 64n);
  });

  it('refuses what the full list refuses in the fields it keeps', () => {
    for (const bad of [{ ...bucket, name: 7 }, { ...bucket, owner_id: null }, { ...bucket, epoch: '0' }, { ...bucket, size: { current: '12' } }, { ...bucket, size: {} }, { ...bucket, creation_date: undefined }]) {
      expect(() => bucketSummarySchema.parse(bad), JSON.stringify(bad)).toThrow();
      expect(() => bucketListSchema.parse({ Buckets: [bad] })).toThrow();
    }
  });
});
