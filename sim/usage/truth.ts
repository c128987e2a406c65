import { integralMsAt, truthKey } from '../model/buckets';
import { addCounters, zeroCounters, type Counters } from '../store/records';
import type { Store } from '../store/store';

export interface TruthReport {
  users: { user_id: string; counters: Counters; byte_seconds: string }[];
  buckets: { bucket: string; epoch: number; owner_id: string; counters: Counters; byte_seconds: string }[];
}

/**
 * Every counter ever recorded and every byte-second stored, per user and per bucket generation,
 * whatever was collected, deleted or flushed since: what a test compares collected figures with.
 * Byte-seconds are whole seconds, rounded down, as decimal strings.
 */
export function truthReport(store: Store, now: number): TruthReport {
  const users = new Map<string, { counters: Counters; ms: bigint }>();
  const userEntry = (id: string) => {
    let entry = users.get(id);
    if (!entry) users.set(id, (entry = { counters: zeroCounters(), ms: 0n }));
    return entry;
  };
  for (const [key, record] of store.maps.truth) {
    if (key.startsWith('user:')) userEntry(key.slice(5)).counters = record.counters;
  }
  const buckets: TruthReport['buckets'] = [];
  for (const [key, record] of store.maps.truth) {
    if (!key.startsWith('bucket:')) continue;
    const [name, epochText] = key.slice(7).split('\n');
    const epoch = Number(epochText);
    const live = store.get('buckets', name);
    const ms = live && live.epoch === epoch ? integralMsAt(live, now) : BigInt(record.storedMs ?? '0');
    const ownerId = record.ownerId ?? '';
    if (ownerId) userEntry(ownerId).ms += ms;
    buckets.push({ bucket: name, epoch, owner_id: ownerId, counters: record.counters, byte_seconds: (ms / 1000n).toString() });
  }
  return {
    users: [...users].map(([id, e]) => ({ user_id: id, counters: e.counters, byte_seconds: (e.ms / 1000n).toString() })),
    buckets,
  };
}

export function sumCounters(list: Counters[]): Counters {
  return list.reduce(addCounters, zeroCounters());
}

export { truthKey };
