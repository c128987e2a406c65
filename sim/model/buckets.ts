import { accessDenied, noSuchBucket, S3Error } from '../errors';
import type { Principal } from '../auth/authenticate';
import type { BucketRecord, TruthRecord } from '../store/records';
import { zeroCounters } from '../store/records';
import type { Change, Store } from '../store/store';

const HOUR_MS = 3_600_000;

/** S3's bucket naming rules. */
export function bucketNameProblem(name: string): string | null {
  if (name.length < 3 || name.length > 63) return 'must be 3 to 63 characters long';
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name)) {
    return 'may hold only lowercase letters, digits, dots and hyphens, and must begin and end with a letter or digit';
  }
  if (name.includes('..')) return 'must not contain two adjacent dots';
  if (name.includes('.-') || name.includes('-.')) return 'must not have a dot next to a hyphen';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return 'must not look like an IP address';
  if (name.startsWith('xn--') || name.endsWith('-s3alias') || name.endsWith('--ol-s3')) return 'uses a reserved prefix or suffix';
  return null;
}

export function checkBucketName(name: string): string {
  const problem = bucketNameProblem(name);
  if (problem) throw new S3Error(400, 'InvalidBucketName', `The bucket name "${name.slice(0, 80)}" ${problem}`);
  return name;
}

export function findBucket(store: Store, name: string): BucketRecord {
  const bucket = store.get('buckets', name);
  if (!bucket) throw noSuchBucket(name);
  return bucket;
}

/** A bucket the caller may use: their own, or any bucket for a system user. */
export function ownedBucket(store: Store, principal: Principal, name: string): BucketRecord {
  const bucket = findBucket(store, name);
  if (!principal.system && bucket.ownerId !== principal.user.id) throw accessDenied();
  return bucket;
}

/** Byte-milliseconds stored by the bucket up to `now`. */
export function integralMsAt(bucket: BucketRecord, now: number): bigint {
  return BigInt(bucket.integralMs) + BigInt(bucket.size) * BigInt(Math.max(0, now - bucket.since));
}

export function resized(bucket: BucketRecord, delta: number, objectsDelta: number, now: number): BucketRecord {
  const size = bucket.size + delta;
  return {
    ...bucket,
    integralMs: integralMsAt(bucket, now).toString(),
    since: Math.max(now, bucket.since),
    size,
    hmax: Math.max(bucket.hmax, size),
    objects: bucket.objects + objectsDelta,
  };
}

/** The bucket as `ostor-buckets` reports it; see the spec digest for `h_integral`, `hmax`, `last_ts`. */
export function bucketJson(bucket: BucketRecord, now: number) {
  return {
    size: {
      current: bucket.size,
      h_integral: integralMsAt(bucket, now) / 1000n,
      hmax: bucket.hmax,
      last_ts: Math.floor(now / HOUR_MS),
    },
    epoch: bucket.epoch,
    owner_id: bucket.ownerId,
    name: bucket.name,
    creation_date: bucket.created,
  };
}

export const truthKey = (name: string, epoch: number) => `bucket:${name}\n${epoch}`;

export function newBucketChanges(store: Store, name: string, ownerId: string, now: number): Change[] {
  const previous = store.get('epochs', name);
  const epoch = previous === undefined ? 0 : previous + 1;
  const bucket: BucketRecord = {
    name,
    epoch,
    ownerId,
    created: new Date(now).toISOString(),
    size: 0,
    hmax: 0,
    integralMs: '0',
    since: now,
    objects: 0,
  };
  const truth: TruthRecord = { counters: zeroCounters(), ownerId, storedMs: '0' };
  return [
    { c: 'buckets', k: name, v: bucket },
    { c: 'epochs', k: name, v: epoch },
    { c: 'truth', k: truthKey(name, epoch), v: store.get('truth', truthKey(name, epoch)) ?? truth },
  ];
}

/** Removing an (empty) bucket keeps what it stored in the ground truth. */
export function deleteBucketChanges(store: Store, bucket: BucketRecord, now: number): Change[] {
  const key = truthKey(bucket.name, bucket.epoch);
  const truth = store.get('truth', key) ?? { counters: zeroCounters() };
  return [
    { c: 'buckets', k: bucket.name, v: null },
    { c: 'limits', k: `bucket:${bucket.name}`, v: null },
    { c: 'quotas', k: `bucket:${bucket.name}`, v: null },
    { c: 'truth', k: key, v: { ...truth, ownerId: bucket.ownerId, storedMs: integralMsAt(bucket, now).toString() } },
  ];
}
