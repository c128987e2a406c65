import { afterEach, describe, expect, it, vi } from 'vitest';
import { signIn, signOut } from './auth';

/** The browser's side of signing in and out, against next-auth's answers as the console gives them. */

const sent: { url: string; body: URLSearchParams | null }[] = [];
function answer(responses: Record<string, () => Response>) {
  vi.stubGlobal('window', { location: { href: 'https://console.test/sign-in?callbackUrl=%2Fusers', assign: vi.fn() } });
  vi.stubGlobal('fetch', async (url: string, init?: { body?: URLSearchParams }) => {
    sent.push({ url, body: init?.body ?? null });
    const respond = responses[url];
    if (!respond) throw new TypeError('Failed to fetch');
    return respond();
  });
}
const json = (body: unknown, status = 200) => () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const csrf = json({ csrfToken: 'token-1' });

afterEach(() => {
  vi.unstubAllGlobals();
  sent.length = 0;
});

describe('signing in from the browser', () => {
  it('posts the fields with the CSRF token and reads a signed-in answer', async () => {
    answer({ '/api/auth/csrf': csrf, '/api/auth/callback/staff': json({ url: 'https://console.test/sign-in?callbackUrl=%2Fusers' }) });
    expect(await signIn('staff', { email: 'ada@example.com', password: 'pw' })).toEqual({ ok: true, status: 200, error: null });
    const form = sent[1].body!;
    expect(Object.fromEntries(form)).toEqual({ email: 'ada@example.com', password: 'pw', callbackUrl: 'https://console.test/sign-in?callbackUrl=%2Fusers', csrfToken: 'token-1', json: 'true' });
  });

  it('reads the refusal next-auth puts in the address, and the console’s own errors', async () => {
    answer({ '/api/auth/csrf': csrf, '/api/auth/callback/customer': json({ url: 'https://console.test/api/auth/error?error=CredentialsSignin' }, 401) });
    expect(await signIn('customer', { accessKeyId: 'a', secretKey: 'b' })).toEqual({ ok: false, status: 401, error: 'CredentialsSignin' });
    answer({ '/api/auth/csrf': csrf, '/api/auth/callback/staff': json({ url: 'https://console.test/sign-in?error=LockedOut', error: { code: 'locked_out' } }, 429) });
    expect(await signIn('staff', {})).toMatchObject({ ok: false, status: 429, error: 'LockedOut' });
    answer({ '/api/auth/csrf': csrf, '/api/auth/callback/staff': json({ error: { code: 'invalid_form', message: 'The sign-in form needs “email”.' } }, 400) });
    expect(await signIn('staff', {})).toMatchObject({ ok: false, status: 400, error: 'The sign-in form needs “email”.' });
    answer({ '/api/auth/csrf': csrf, '/api/auth/callback/staff': () => new Response('<html>bad gateway</html>', { status: 502 }) });
    expect(await signIn('staff', {})).toMatchObject({ ok: false, error: 'The console answered 502.' });
  });

  it('throws when the console cannot be reached', async () => {
    answer({});
    await expect(signIn('staff', {})).rejects.toThrow('Failed to fetch');
  });
});

describe('signing out from the browser', () => {
  it('posts the sign-out with its CSRF token, then goes to the page given — even when the post fails', async () => {
    answer({ '/api/auth/csrf': csrf, '/api/auth/signout': json({ url: '/sign-in' }) });
    await signOut('/sign-in');
    expect(Object.fromEntries(sent[1].body!)).toEqual({ callbackUrl: '/sign-in', csrfToken: 'token-1', json: 'true' });
    expect(window.location.assign).toHaveBeenCalledWith('/sign-in');
    answer({});
    await signOut();
    expect(window.location.assign).toHaveBeenCalledWith('/sign-in');
  });
});
