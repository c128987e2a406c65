import 'server-only';
import { invalidationsArrive } from './invalidation';

/**
 * Answers kept one per key while the database tells this instance of every change
 * (invalidation.ts): each key is read once, then answered from memory until its owner forgets it
 * on news of a change, for `ttlMs` at most (a bound on news missed for a reason nobody foresaw).
 * At most `limit` keys are kept, the oldest read going first. A failed read is not kept, nor an
 * answer `keep` turns down. While news cannot arrive (the listening connection is down, or was
 * never started), every ask reads afresh.
 *
 * `name` keeps one store per process, however many copies of a module the server loads.
 */
export interface KeptPerKey<V> {
  get(key: string): Promise<V>;
  forget(key: string): void;
  clear(): void;
  readonly size: number;
}

type Entry<V> = { at: number; value: Promise<V> };

export function keptPerKey<V>(name: string, options: { ttlMs: number; limit: number; read: (key: string) => Promise<V>; keep?: (value: V) => boolean }): KeptPerKey<V> {
  const holder = globalThis as unknown as Record<symbol, Map<string, Entry<V>> | undefined>;
  const entries = (holder[Symbol.for(`staas.kept.${name}`)] ??= new Map());
  return {
    get(key) {
      if (!invalidationsArrive()) return options.read(key);
      const hit = entries.get(key);
      if (hit && Date.now() - hit.at < options.ttlMs) return hit.value;
      // A key read again moves to the end: the one dropped for room is the oldest read.
      entries.delete(key);
      if (entries.size >= options.limit) entries.delete(entries.keys().next().value!);
      const entry: Entry<V> = { at: Date.now(), value: options.read(key) };
      entries.set(key, entry);
      const drop = () => {
        if (entries.get(key) === entry) entries.delete(key);
      };
      void entry.value.then((value) => options.keep && !options.keep(value) && drop(), drop);
      return entry.value;
    },
    forget: (key) => void entries.delete(key),
    clear: () => entries.clear(),
    get size() {
      return entries.size;
    },
  };
}
