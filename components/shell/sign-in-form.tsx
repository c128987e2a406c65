'use client';

import { useSearchParams } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { safeCallbackUrl } from '@/lib/auth/callback-url';
import { signIn, type SignInResult } from '@/data/auth';
import { Button } from '../ui/button';
import { TextField } from '../ui/field';

type Mode = 'staff' | 'customer';

function messageFor(mode: Mode, result: Pick<SignInResult, 'status' | 'error'> | undefined): string {
  if (!result) return 'The console cannot be reached. Check your connection and try again.';
  if (result.error === 'Busy') return 'Too many sign-in attempts at this account are waiting their turn. Try again in a minute.';
  if (result.status === 429 || result.error === 'LockedOut') {
    return 'Too many failed sign-ins from here. For your safety this sign-in is locked for up to 15 minutes.';
  }
  if (result.error && result.error !== 'CredentialsSignin') return result.error;
  return mode === 'staff' ? 'The email or password is wrong, or the account is disabled.' : 'The gateway did not accept this access key and secret key.';
}

/** Why a single sign-on link from a billing system did not sign in (`/sso/<ticket>` sends `?sso=<reason>`). */
const SSO_MESSAGES: Record<string, string> = {
  used: 'This sign-in link has been used already: each link signs in once. Open your storage again from your billing account.',
  expired: 'This sign-in link has expired (links are valid for 60 seconds). Open your storage again from your billing account.',
  invalid: 'This sign-in link is not valid. Open your storage again from your billing account.',
  gone: 'The storage account this link was for no longer exists.',
};

export function SignInForm() {
  const params = useSearchParams();
  const sso = params.get('sso');
  const [mode, setMode] = useState<Mode>(sso ? 'customer' : 'staff');
  const [error, setError] = useState<string | null>(
    params.get('error') === 'LockedOut' ? messageFor('staff', { status: 429, error: null }) : sso ? (Object.hasOwn(SSO_MESSAGES, sso) ? SSO_MESSAGES[sso] : SSO_MESSAGES.invalid) : null,
  );
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const form = new FormData(event.currentTarget);
    const fields = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
    try {
      const result = await signIn(mode, fields);
      if (result?.ok && !result.error) {
        window.location.assign(safeCallbackUrl(params.get('callbackUrl')));
        return;
      }
      setError(messageFor(mode, result ?? undefined));
    } catch {
      setError(messageFor(mode, undefined));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-lg font-semibold">Sign in to staas-console</h1>
      <div role="tablist" className="mt-4 grid grid-cols-2 rounded-md bg-slate-100 p-1 text-sm">
        {(['staff', 'customer'] as const).map((m) => (
          <button
            key={m}
            role="tab"
            type="button"
            aria-selected={mode === m}
            onClick={() => {
              setMode(m);
              setError(null);
            }}
            className={`rounded px-3 py-1.5 ${mode === m ? 'bg-white font-medium shadow-sm' : 'text-slate-600'}`}
          >
            {m === 'staff' ? 'Staff' : 'Customer'}
          </button>
        ))}
      </div>
      <form onSubmit={submit} className="mt-5 space-y-4" key={mode}>
        {mode === 'staff' ? (
          <>
            <TextField label="Email" name="email" type="email" autoComplete="username" required autoFocus />
            <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
          </>
        ) : (
          <>
            <TextField label="Access key ID" name="accessKeyId" autoComplete="username" required autoFocus spellCheck={false} />
            <TextField label="Secret access key" name="secretKey" type="password" autoComplete="current-password" required />
            <p className="text-xs text-slate-500">Your keys are checked with the storage gateway and are not stored by the console.</p>
          </>
        )}
        {error && (
          <p data-testid="sign-in-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        )}
        <Button type="submit" variant="primary" className="w-full" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </Button>
      </form>
    </div>
  );
}
