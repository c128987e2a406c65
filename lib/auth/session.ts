import 'server-only';
import { cookies, headers } from 'next/headers';
import { env } from '../config/env';
import { isSessionEnded, refreshedToken, sessionUser, type SessionUser } from './options';
import { sessionClaims } from './session-token';

/**
 * The signed-in user, or null: checked on the server for every page and route. The session cookie
 * is decrypted and checked (staff revocation, the customer's keys and state) by the same two
 * functions next-auth's own session call runs, without the rest of its handler around them —
 * which, on every request, built the whole auth handler and encrypted a new cookie that a route
 * handler never sends.
 */
export async function currentUser(): Promise<SessionUser | null> {
  const [h, c] = await Promise.all([headers(), cookies()]);
  // The session comes from its cookie only: a bearer header is the billing API's, never a session.
  const req = { headers: Object.fromEntries([...h.entries()].filter(([name]) => name !== 'authorization')), cookies: Object.fromEntries(c.getAll().map((x) => [x.name, x.value])) };
  const token = await sessionClaims(req as never, env().NEXTAUTH_SECRET);
  if (!token) return null;
  try {
    const user = sessionUser(await refreshedToken(token));
    return user.id && user.role ? user : null;
  } catch (error) {
    // As next-auth does: a session that cannot be checked is no session (logged unless it ended on purpose).
    if (!isSessionEnded(error)) console.error('[auth] a session could not be checked:', error instanceof Error ? error.message : String(error));
    return null;
  }
}
