import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What a provider's `authorize` found, handed back to the sign-in route that counted the attempt
 * (next-auth runs `authorize` inside that route's request, so the context reaches it).
 */
export interface SignInAttempt {
  outcome?: 'ok' | 'failed' | 'refused' | 'error';
  /** Why, in words (never a secret): written to the audit log. */
  reason?: string;
  /** Who signed in, for the audit entry of a success. */
  user?: { id: string; name: string; role: 'admin' | 'support' | 'customer' };
}

const storage = new AsyncLocalStorage<SignInAttempt>();

export const runSignInAttempt = <T>(attempt: SignInAttempt, fn: () => Promise<T>) => storage.run(attempt, fn);

/** Records what came of the credentials check (no-op outside a counted attempt). */
export function noteAttempt(result: SignInAttempt): void {
  const attempt = storage.getStore();
  if (attempt) Object.assign(attempt, result);
}
