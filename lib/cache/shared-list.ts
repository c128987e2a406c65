import { z } from 'zod';
import { invalidate, onInvalidate } from './invalidation';

/** `?refresh=1` on a list route: wait for a fresh list rather than the cached one. */
export const refreshParam = z
  .enum(['1'], { error: 'refresh is 1 or absent.' })
  .optional()
  .transform((v) => v === '1');

/**
 * A whole-gateway list shared by every request of the process for a while: concurrent misses share
 * one fetch; past `ttlMs` the old list is served while a fresh one is fetched, so only the first
 * load (or an explicit refresh) waits for the gateway. Every answer carries `fetchedAt`.
 */
export function sharedList<T>(name: string, ttlMs: number, fetch: () => Promise<T>) {
  // On globalThis, so that every module instance in the server process shares one list.
  const holder = globalThis as unknown as Record<string, { value?: { data: T; fetchedAt: number }; inFlight?: Promise<{ data: T; fetchedAt: number }> }>;
  const slot = (holder[`staas:${name}`] ??= {});
  const registered = holder as unknown as Record<string, boolean>;
  if (!registered[`staas:${name}:listening`]) {
    registered[`staas:${name}:listening`] = true;
    onInvalidate((topic) => {
      if (topic === `list:${name}` || topic === '*') slot.value = undefined;
    });
  }
  return {
    async get(refresh = false): Promise<{ data: T; fetchedAt: number }> {
      const cached = slot.value;
      if (!refresh && cached && Date.now() - cached.fetchedAt < ttlMs) return cached;
      slot.inFlight ??= fetch()
        .then((data) => (slot.value = { data, fetchedAt: Date.now() }))
        .finally(() => (slot.inFlight = undefined));
      if (!refresh && cached) {
        slot.inFlight.catch(() => undefined);
        return cached;
      }
      return slot.inFlight;
    },
    /** The list as last read, however old, without waiting; a read is started when there is none. */
    peek(): { data: T; fetchedAt: number } | null {
      if (!slot.value) void this.get().catch(() => undefined);
      return slot.value ?? null;
    },
    /** After a change the console made itself, the next read (on any instance) waits for a fresh list. */
    invalidate(): Promise<void> {
      return invalidate(`list:${name}`);
    },
  };
}
