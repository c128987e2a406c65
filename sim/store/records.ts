/** The simulator's persisted records. Every field is plain JSON: large integers are decimal strings. */

export type UserState = 'enabled' | 'disabled';

export interface AccountRecord {
  name: string;
  keys: string[];
}

export interface UserRecord {
  id: string;
  email: string;
  state: UserState;
  flags: string[];
  ownerId: string;
  keys: string[];
  accounts: AccountRecord[];
}

export interface KeyRecord {
  id: string;
  secret: string;
  userId: string;
  /** The account this pair belongs to, or null for the user's own pair. */
  account: string | null;
}

export interface BucketRecord {
  name: string;
  epoch: number;
  ownerId: string;
  created: string;
  size: number;
  hmax: number;
  /** Byte-milliseconds stored up to `since` (decimal string: it outgrows 2^53). */
  integralMs: string;
  /** Unix milliseconds of the last size change. */
  since: number;
  objects: number;
}

export interface ObjectRecord {
  bucket: string;
  key: string;
  size: number;
  etag: string;
  modified: string;
  contentType: string;
  blob: string;
  /** User metadata (`x-amz-meta-*`, names in lower case) and the stored representation headers. */
  meta?: Record<string, string>;
}

/** One uploaded part of a multipart upload. */
export interface PartRecord {
  etag: string;
  size: number;
  blob: string;
  modified: string;
}

/** A multipart upload under way: its parts, by number, until it is completed or aborted. */
export interface UploadRecord {
  id: string;
  bucket: string;
  key: string;
  ownerId: string;
  initiated: string;
  contentType: string;
  meta: Record<string, string>;
  parts: Record<string, PartRecord>;
}

export const LIMIT_KEYS = ['default', 'get', 'put', 'list', 'delete', 'out'] as const;
export type LimitKey = (typeof LIMIT_KEYS)[number];
export type LimitsRecord = Record<LimitKey, number>;

export interface Counters {
  ops: { put: number; get: number; list: number; other: number };
  net_io: { uploaded: number; downloaded: number };
}

export interface PendingRecord {
  service: string;
  bucket: string;
  epoch: number;
  userId: string;
  tag: string;
  counters: Counters;
}

/** Ground truth for one user or one bucket generation: never reduced by collection or deletion. */
export interface TruthRecord {
  counters: Counters;
  /** For buckets: the owner, and byte-milliseconds stored by generations already deleted. */
  ownerId?: string;
  storedMs?: string;
}

export function zeroCounters(): Counters {
  return { ops: { put: 0, get: 0, list: 0, other: 0 }, net_io: { uploaded: 0, downloaded: 0 } };
}

export function addCounters(a: Counters, b: Counters): Counters {
  return {
    ops: {
      put: a.ops.put + b.ops.put,
      get: a.ops.get + b.ops.get,
      list: a.ops.list + b.ops.list,
      other: a.ops.other + b.ops.other,
    },
    net_io: {
      uploaded: a.net_io.uploaded + b.net_io.uploaded,
      downloaded: a.net_io.downloaded + b.net_io.downloaded,
    },
  };
}
