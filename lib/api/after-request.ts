import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Work to do once a route's handler has finished, whatever its outcome: forgetting what the
 * console had cached about something the request changed. Registered while the change is being
 * made, run after it, so that no read made in between can put the old state back in a cache.
 */
const scope = new AsyncLocalStorage<(() => void)[]>();

export async function withAfterRequest<T>(fn: () => Promise<T>): Promise<T> {
  const tasks: (() => void)[] = [];
  try {
    return await scope.run(tasks, fn);
  } finally {
    for (const task of tasks) task();
  }
}

/** Runs `task` now and again when the current request is over (now only, outside a request). */
export function afterRequest(task: () => void): void {
  task();
  scope.getStore()?.push(task);
}
