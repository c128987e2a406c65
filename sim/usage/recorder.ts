import { toJson } from '../json';
import { addCounters, zeroCounters, type Counters, type PendingRecord, type TruthRecord } from '../store/records';
import type { Change, Store } from '../store/store';

export type OpClass = 'put' | 'get' | 'list' | 'other';

export interface Traffic {
  userId: string;
  /** Empty for requests that name no bucket (ListBuckets). */
  bucket: string;
  epoch: number;
  op: OpClass;
  uploaded: number;
  downloaded: number;
}

export interface UsageOptions {
  collect: boolean;
  serviceIds: string[];
  periodSeconds: number;
  now: () => number;
}

export interface UsageItem {
  key: { bucket: string; epoch: number; user_id: string; tag: string };
  counters: Counters;
}

function countersOf(t: Pick<Traffic, 'op' | 'uploaded' | 'downloaded'>): Counters {
  const c = zeroCounters();
  c.ops[t.op] = 1;
  c.net_io.uploaded = t.uploaded;
  c.net_io.downloaded = t.downloaded;
  return c;
}

/** The statistics object's name, as the spec digest gives it. */
export function usageObjectName(serviceId: string, startMs: number, periodSeconds: number): string {
  return `s3-usage-${serviceId}-${new Date(startMs).toISOString()}-${periodSeconds}`;
}

/** The object body; `service_id` is written as a bare number, as gateways do. */
export function usageObjectJson(serviceId: string, startMs: number, endMs: number, items: UsageItem[]): string {
  return toJson({
    fmt_version: 1,
    service_id: /^\d+$/.test(serviceId) ? BigInt(serviceId) : serviceId,
    start_ts: Math.floor(startMs / 1000),
    period: Math.round((endMs - startMs) / 1000),
    nr_items: items.length,
    items,
  });
}

export interface Counted {
  userId: string;
  bucket: string;
  epoch: number;
  counters: Counters;
}

/** Adds counters to the ground truth of each user and bucket generation they belong to. */
export function truthChanges(store: Store, entries: Counted[]): Change[] {
  const updated = new Map<string, TruthRecord>();
  for (const e of entries) {
    for (const [key, owner] of [[`user:${e.userId}`, undefined], [`bucket:${e.bucket}\n${e.epoch}`, e.userId]] as const) {
      const before = updated.get(key) ?? store.get('truth', key);
      updated.set(key, {
        ...(owner ? { ownerId: owner } : {}),
        ...before,
        counters: addCounters(before?.counters ?? zeroCounters(), e.counters),
      });
    }
  }
  return [...updated].map(([k, v]) => ({ c: 'truth', k, v }));
}

/**
 * Counts each request of a normal user per (bucket, epoch, user id, tag), as a gateway service
 * does in memory, and writes the counters out as a statistics object once per period. Requests
 * are spread over the configured services in turn, so several objects cover one period.
 */
export class UsageRecorder {
  private turn = 0;

  constructor(
    private readonly store: Store,
    readonly options: UsageOptions,
  ) {}

  record(t: Traffic): void {
    const counters = countersOf(t);
    const changes = truthChanges(this.store, [{ ...t, counters }]);
    if (this.options.collect) {
      const service = this.options.serviceIds[this.turn++ % this.options.serviceIds.length];
      const key = [service, t.bucket, t.epoch, t.userId, ''].join('\n');
      const pending = this.store.get('pending', key);
      const record: PendingRecord = pending
        ? { ...pending, counters: addCounters(pending.counters, counters) }
        : { service, bucket: t.bucket, epoch: t.epoch, userId: t.userId, tag: '', counters };
      changes.push({ c: 'pending', k: key, v: record });
      if (!this.store.get('pendingStart', service)) {
        changes.push({ c: 'pendingStart', k: service, v: this.options.now() });
      }
    }
    this.store.commit(changes);
  }

  /** Writes every service's pending counters as one statistics object each; returns their names. */
  flush(): string[] {
    const now = this.options.now();
    const byService = new Map<string, [string, PendingRecord][]>();
    for (const entry of this.store.maps.pending) {
      const list = byService.get(entry[1].service) ?? [];
      list.push(entry);
      byService.set(entry[1].service, list);
    }
    const names: string[] = [];
    const changes: Change[] = [];
    for (const [service, entries] of byService) {
      let start = this.store.get('pendingStart', service) ?? now;
      let name = usageObjectName(service, start, this.options.periodSeconds);
      // Two flushes within one millisecond would collide: the later one starts a millisecond on.
      while (this.store.maps.usage.has(name)) name = usageObjectName(service, ++start, this.options.periodSeconds);
      const items: UsageItem[] = entries.map(([, p]) => ({
        key: { bucket: p.bucket, epoch: p.epoch, user_id: p.userId, tag: p.tag },
        counters: p.counters,
      }));
      changes.push({ c: 'usage', k: name, v: usageObjectJson(service, start, Math.max(now, start), items) });
      for (const [key] of entries) changes.push({ c: 'pending', k: key, v: null });
      changes.push({ c: 'pendingStart', k: service, v: null });
      names.push(name);
    }
    this.store.commit(changes);
    return names;
  }
}
