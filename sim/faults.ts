import { z } from 'zod';

/**
 * Faults injected per service (`ostor-users` … `ostor-usage`, or `s3` for the data plane), for
 * tests of how a client copes with a gateway that misbehaves. `error`, `hang` and `reset` strike
 * before the request is carried out; `truncate` and `malformed` after, so the change is made but
 * its answer is lost, as when a proxy breaks a reply.
 */
export const faultSchema = z.strictObject({
  latencyMs: z.number().int().min(0).max(600_000).default(0),
  mode: z.enum(['error', 'hang', 'reset', 'truncate', 'malformed']).nullable().default(null),
  status: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).default(500),
  /** The share of requests the mode strikes, 0 to 1. */
  share: z.number().min(0).max(1).default(1),
  /** Strike only this many requests, then switch off. */
  count: z.number().int().min(1).nullable().default(null),
  /** Let this many requests through untouched first. */
  skip: z.number().int().min(0).default(0),
});

export type Fault = z.infer<typeof faultSchema>;

export const FAULT_SERVICES = ['ostor-users', 'ostor-accounts', 'ostor-buckets', 'ostor-limits', 'ostor-quotas', 'ostor-usage', 's3'];

export interface Strike {
  latencyMs: number;
  mode: Fault['mode'];
  status: number;
}

export class Faults {
  private readonly active = new Map<string, Fault>();

  set(service: string, fault: Fault): void {
    this.active.set(service, { ...fault });
  }

  clear(service?: string): void {
    if (service) this.active.delete(service);
    else this.active.clear();
  }

  list(): Record<string, Fault> {
    return Object.fromEntries(this.active);
  }

  /** What, if anything, strikes the next request to `service`. */
  next(service: string): Strike | null {
    const fault = this.active.get(service);
    if (!fault) return null;
    if (fault.skip > 0) {
      fault.skip -= 1;
      return null;
    }
    const hit = fault.mode !== null && Math.random() < fault.share;
    if (hit && fault.count !== null) {
      fault.count -= 1;
      if (fault.count === 0) this.active.delete(service);
    }
    return { latencyMs: fault.latencyMs, mode: hit ? fault.mode : null, status: fault.status };
  }
}
