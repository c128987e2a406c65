import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What an audit entry's target is called for people. A route's target is an id (`user:0a1b…`);
 * the code that looks the target up learns its name (the user's email) and says so here, and the
 * route wrapper writes it beside the id — so the log shows, links and finds entries by email.
 */
interface Slot {
  label: string | null;
}

const storage = new AsyncLocalStorage<Slot>();

/** Runs `fn` with a place for the target's label; returns its result and the label it found. */
export async function withAuditLabel<T>(fn: () => Promise<T>, slot: Slot = { label: null }): Promise<T> {
  return storage.run(slot, fn);
}

export const newLabelSlot = (): Slot => ({ label: null });

/** Names the current request's audit target (the first name given wins). */
export function labelAuditTarget(label: string): void {
  const slot = storage.getStore();
  if (slot && slot.label === null) slot.label = label.slice(0, 300);
}
