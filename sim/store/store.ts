import path from 'node:path';
import { fileBlobs, memoryBlobs, type BlobStore } from './blobs';
import { Journal, type Op } from './journal';
import type {
  BucketRecord,
  KeyRecord,
  LimitsRecord,
  ObjectRecord,
  PendingRecord,
  TruthRecord,
  UploadRecord,
  UserRecord,
} from './records';

/** The record kinds, each one persisted collection. */
interface Collections {
  users: UserRecord;
  keys: KeyRecord;
  buckets: BucketRecord;
  objects: ObjectRecord;
  limits: LimitsRecord;
  quotas: number;
  usage: string;
  pending: PendingRecord;
  pendingStart: number;
  truth: TruthRecord;
  epochs: number;
  settings: string;
  uploads: UploadRecord;
}

export type CollectionName = keyof Collections;

export type Change = { [C in CollectionName]: { c: C; k: string; v: Collections[C] | null } }[CollectionName];

const COLLECTIONS: CollectionName[] = [
  'users',
  'keys',
  'buckets',
  'objects',
  'limits',
  'quotas',
  'usage',
  'pending',
  'pendingStart',
  'truth',
  'epochs',
  'settings',
  'uploads',
];

/**
 * All simulator state: maps per collection, plus derived indexes. Every change goes through
 * `commit`, which journals a batch of changes atomically, then applies it.
 */
export class Store {
  readonly maps: { [C in CollectionName]: Map<string, Collections[C]> };
  /** Lower-cased email → user id. */
  readonly emailIndex = new Map<string, string>();
  /** Owner id → names of the buckets they own. */
  readonly bucketsByOwner = new Map<string, Set<string>>();
  /** Bucket name → its objects by key. */
  readonly objectsByBucket = new Map<string, Map<string, ObjectRecord>>();
  /** Bucket name → its keys in order, built when first listed and dropped when a key comes or goes. */
  private readonly sortedKeys = new Map<string, string[]>();
  readonly blobs: BlobStore;
  private journal: Journal | null = null;
  /** Bumped on every change to a collection, so answers built from it can be cached. */
  readonly versions = Object.fromEntries(COLLECTIONS.map((c) => [c, 0])) as Record<CollectionName, number>;

  constructor(dataDir: string | null) {
    this.maps = Object.fromEntries(COLLECTIONS.map((c) => [c, new Map()])) as Store['maps'];
    if (dataDir) {
      this.journal = Journal.open(dataDir, (op) => this.apply(op as Change));
      this.blobs = fileBlobs(path.join(dataDir, 'objects'));
      // Blobs of objects and of the parts of uploads under way are kept; any other is left over.
      const parts = [...this.maps.uploads.values()].flatMap((u) => Object.values(u.parts).map((p) => p.blob));
      this.blobs.sweep(new Set([...[...this.maps.objects.values()].map((o) => o.blob), ...parts]));
    } else {
      this.blobs = memoryBlobs();
    }
  }

  get<C extends CollectionName>(c: C, k: string): Collections[C] | undefined {
    return this.maps[c].get(k) as Collections[C] | undefined;
  }

  commit(changes: Change[]): void {
    this.journal?.append(changes as Op[]);
    for (const change of changes) this.apply(change);
    if (this.journal?.needsCompaction) this.compact();
  }

  /** Loads many records at once without journaling each (used by seeding), then snapshots. */
  bulkLoad(changes: Iterable<Change>): void {
    for (const change of changes) this.apply(change);
    if (this.journal) this.compact();
  }

  compact(): void {
    if (!this.journal) return;
    let count = 0;
    for (const c of COLLECTIONS) count += this.maps[c].size;
    this.journal.compact(this.records(), count);
  }

  /** A bucket's keys in S3's order (UTF-8 bytes, which for these strings is code-unit order); listing a large bucket page by page sorts it once. */
  keysInOrder(bucket: string): string[] {
    let keys = this.sortedKeys.get(bucket);
    if (!keys) {
      keys = [...(this.objectsByBucket.get(bucket)?.keys() ?? [])].sort();
      this.sortedKeys.set(bucket, keys);
    }
    return keys;
  }

  close(): void {
    if (!this.journal) return;
    this.compact();
    this.journal.close();
    this.journal = null;
  }

  private *records(): Iterable<Op> {
    for (const c of COLLECTIONS) for (const [k, v] of this.maps[c]) yield { c, k, v };
  }

  private apply(change: Change): void {
    const map = this.maps[change.c] as Map<string, unknown>;
    const before = map.get(change.k);
    if (change.v === null) map.delete(change.k);
    else map.set(change.k, change.v);
    this.versions[change.c] += 1;
    switch (change.c) {
      case 'users':
        if (before) this.emailIndex.delete((before as UserRecord).email.toLowerCase());
        if (change.v) this.emailIndex.set(change.v.email.toLowerCase(), change.v.id);
        break;
      case 'buckets':
        if (before) this.bucketsByOwner.get((before as BucketRecord).ownerId)?.delete(change.k);
        if (change.v) {
          let owned = this.bucketsByOwner.get(change.v.ownerId);
          if (!owned) this.bucketsByOwner.set(change.v.ownerId, (owned = new Set()));
          owned.add(change.k);
        }
        break;
      case 'objects': {
        const record = (change.v ?? before) as ObjectRecord | undefined;
        if (!record) break;
        let objects = this.objectsByBucket.get(record.bucket);
        if (!objects) this.objectsByBucket.set(record.bucket, (objects = new Map()));
        if (change.v === null || !objects.has(record.key)) this.sortedKeys.delete(record.bucket);
        if (change.v) objects.set(record.key, change.v);
        else objects.delete(record.key);
        break;
      }
    }
  }
}
