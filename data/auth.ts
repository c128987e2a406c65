/**
 * Signing in and out from the browser: the two form posts next-auth's endpoints take, each with
 * its CSRF token. (next-auth's own browser client does the same with a session provider, provider
 * discovery and transpiled generators around it: 8.6 KiB gzipped on every page.)
 */

async function csrfToken(): Promise<string> {
  const response = await fetch('/api/auth/csrf', { cache: 'no-store' });
  return ((await response.json()) as { csrfToken: string }).csrfToken;
}

async function postForm(path: string, fields: Record<string, string>): Promise<Response> {
  return fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...fields, csrfToken: await csrfToken(), json: 'true' }),
  });
}

export interface SignInResult {
  ok: boolean;
  status: number;
  /** next-auth's error code (`CredentialsSignin`, `LockedOut`, …) or the console's message; null when signed in. */
  error: string | null;
}

/** Signs in with a provider's credentials; the session cookie is set by the answer. Throws when the console cannot be reached. */
export async function signIn(provider: 'staff' | 'customer', fields: Record<string, string>): Promise<SignInResult> {
  const response = await postForm(`/api/auth/callback/${provider}`, { ...fields, callbackUrl: window.location.href });
  const data = (await response.json().catch(() => ({}))) as { url?: string; error?: { message?: string } };
  const error = data.url ? new URL(data.url, window.location.href).searchParams.get('error') : (data.error?.message ?? `The console answered ${response.status}.`);
  return { ok: response.ok && !error, status: response.status, error };
}

/** Ends the session (its cookie cleared by the answer) and goes to `callbackUrl`. */
export async function signOut(callbackUrl = '/sign-in'): Promise<void> {
  await postForm('/api/auth/signout', { callbackUrl }).catch(() => undefined);
  window.location.assign(callbackUrl);
}
