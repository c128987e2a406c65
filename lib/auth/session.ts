import 'server-only';
import { getToken, type JWT } from 'next-auth/jwt';
import { cookies, headers } from 'next/headers';
import { env } from '../config/env';
import { isSessionEnded, refreshedToken, sessionUser, type SessionUser } from './options';

/**
 * Session cookies already decrypted, by their exact text: decrypting one (a key derivation and an
 * AES-GCM open) is most of what checking a session costs. Only a cookie that decrypted is kept,
 * each until its own expiry; what the session stands for (the staff account, the customer's keys)
 * is still checked on every request below.
 */
const DECODED_KEPT = 2000;
const decoded = new Map<string, JWT>();

function remember(sealed: string, token: JWT): void {
  if (!sealed || typeof token.exp !== 'number') return;
  if (decoded.size >= DECODED_KEPT) decoded.delete(decoded.keys().next().value!);
  decoded.set(sealed, token);
}

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
  const all = c.getAll();
  const sealed = all
    .filter((x) => x.name.includes('next-auth.session-token'))
    .map((x) => `${x.name}=${x.value}`)
    .sort()
    .join(';');
  let token = sealed ? decoded.get(sealed) : undefined;
  if (token && !(typeof token.exp === 'number' && token.exp * 1000 > Date.now())) {
    decoded.delete(sealed);
    token = undefined;
  }
  if (!token) {
    const req = { headers: Object.fromEntries([...h.entries()].filter(([name]) => name !== 'authorization')), cookies: Object.fromEntries(all.map((x) => [x.name, x.value])) };
    token = (await getToken({ req: req as never, secret: env().NEXTAUTH_SECRET }).catch(() => null)) ?? undefined;
    if (!token) return null;
    remember(sealed, token);
  }
  try {
    const user = sessionUser(await refreshedToken(token));
    return user.id && user.role ? user : null;
  } catch (error) {
    // As next-auth does: a session that cannot be checked is no session (logged unless it ended on purpose).
    if (!isSessionEnded(error)) console.error('[auth] a session could not be checked:', error instanceof Error ? error.message : String(error));
    return null;
  }
}
