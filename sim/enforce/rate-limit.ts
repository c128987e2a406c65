import { S3Error } from '../errors';
import type { LimitsRecord } from '../store/records';
import type { Store } from '../store/store';

export type LimitClass = 'get' | 'put' | 'list' | 'delete' | null;

/**
 * Token buckets for the ops limits: each (user or bucket, class) may spend `rate` requests per
 * second, with a burst of one second's worth.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number; rate: number }>();

  constructor(private readonly now: () => number) {}

  take(key: string, rate: number): boolean {
    const at = this.now();
    const burst = Math.max(1, rate);
    let bucket = this.buckets.get(key);
    if (!bucket || bucket.rate !== rate) {
      bucket = { tokens: burst, at, rate };
      this.buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(burst, bucket.tokens + ((at - bucket.at) / 1000) * rate);
    bucket.at = at;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}

/** The class's own limit when set, otherwise `ops:default`; 0 means none. */
export function opsLimit(limits: LimitsRecord | undefined, cls: LimitClass): number {
  if (!limits) return 0;
  const own = cls ? limits[cls] : 0;
  return own > 0 ? own : limits.default;
}

export function enforceOpsLimits(
  store: Store,
  limiter: RateLimiter,
  userId: string,
  bucket: string | null,
  cls: LimitClass,
): void {
  const targets = [`user:${userId}`, ...(bucket ? [`bucket:${bucket}`] : [])];
  for (const target of targets) {
    const rate = opsLimit(store.get('limits', target), cls);
    if (rate > 0 && !limiter.take(`${target}:${cls ?? 'default'}`, rate)) {
      throw new S3Error(503, 'SlowDown', `Please reduce your request rate: the ${target.split(':')[0]} allows ${rate} requests per second`);
    }
  }
}

/** Outgoing bandwidth in bytes per second: the tighter of the user's and the bucket's (1 kB = 1000 bytes). */
export function bandwidthLimit(store: Store, userId: string, bucket: string): number | undefined {
  const limits = [store.get('limits', `user:${userId}`)?.out ?? 0, store.get('limits', `bucket:${bucket}`)?.out ?? 0]
    .filter((v) => v > 0);
  return limits.length ? Math.min(...limits) * 1000 : undefined;
}
