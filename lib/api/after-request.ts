import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Work to do once a route's handler has finished, whatever its outcome: forgetting what the
 * console had cached about something the request changed. Registered while the change is being
 * made, run after it, so that no read made in between can put the old state back in a cache.
 */
type Task = () => Promise<void> | void;
const scope = new AsyncLocalStorage<Task[]>();

export async function withAfterRequest<T>(fn: () => Promise<T>): Promise<T> {
  const tasks: Task[] = [];
  try {
    return await scope.run(tasks, fn);
  } finally {
    const failed = (await Promise.allSettled(tasks.map((task) => task()))).filter((r) => r.status === 'rejected');
    for (const f of failed) console.error(`[api] after the request: ${((f as PromiseRejectedResult).reason as Error)?.message}`);
  }
}

/** Runs `task` now and again when the current request is over (now only, outside a request). */
export async function afterRequest(task: Task): Promise<void> {
  scope.getStore()?.push(task);
  await task();
}
