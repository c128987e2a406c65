import type { Principal } from './auth/authenticate';
import type { RateLimiter } from './enforce/rate-limit';
import type { SimRequest } from './request';
import type { Store } from './store/store';
import type { UsageRecorder } from './usage/recorder';

export interface SimConfig {
  region: string;
  /** Length of one usage period in seconds (objects are flushed that often). */
  usagePeriod: number;
  /** Whether usage statistics are collected (`S3_GW_COLLECT_STAT` on a real gateway). */
  collectUsage: boolean;
  /** Whether the `/__sim/` test API answers. */
  testApi: boolean;
  maxSkewMs: number;
}

export interface Ctx {
  req: SimRequest;
  principal: Principal;
  store: Store;
  config: SimConfig;
  usage: UsageRecorder;
  limiter: RateLimiter;
  now: () => number;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Sends the body no faster than this many bytes per second. */
  bytesPerSecond?: number;
}

export function jsonResponse(text: string, status = 200): SimResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: text };
}

export const noContent = (): SimResponse => ({ status: 204 });
export const emptyOk = (): SimResponse => ({ status: 200 });
