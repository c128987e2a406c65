'use client';

import { lazy, useState } from 'react';
import { signOut } from '@/data/auth';
import { ME, useGenerateKey, useRevokeKey } from '@/data/users/mutations';
import { MAX_KEY_PAIRS } from '@/lib/users/constants';
import type { NewKeyPair } from '@/lib/users/contract';
import { Button } from '../ui/button';
import { ConfirmButton } from '../ui/confirm';
import { LoadedOnFirstUse } from '../ui/loaded-on-first-use';

// The new pair's dialog: loaded the first time a pair is made.
const NewPair = lazy(() => import('./new-pair').then((m) => ({ default: m.NewPair })));

/**
 * The customer's own key pairs: make a second one (secret shown once, as a CSV too), revoke one
 * (warned when it is the pair this session signed in with: the session ends), or rotate in three
 * steps — new pair, “I have switched”, old pair revoked.
 */
export function MyKeys({ keys, sessionKeyId }: { keys: { accessKeyId: string }[]; sessionKeyId: string | null }) {
  const [fresh, setFresh] = useState<NewKeyPair | null>(null);
  const [rotation, setRotation] = useState<{ old: string; next: string } | null>(null);
  const generate = useGenerateKey(ME, null);
  const revoke = useRevokeKey(ME, null);
  const full = keys.length >= MAX_KEY_PAIRS;
  const revokeKey = (keyId: string) =>
    revoke.mutateAsync(keyId).then((r) => {
      if (rotation?.old === keyId) setRotation(null);
      if (r.sessionEnded) void signOut('/sign-in');
    });
  const rotating = rotation !== null && keys.some((k) => k.accessKeyId === rotation.old) && keys.some((k) => k.accessKeyId === rotation.next);
  return (
    <div className="space-y-3 text-sm">
      <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
        {keys.length === 0 && <li className="p-3 text-slate-600">You have no key pairs: nothing can use your storage until you make one.</li>}
        {keys.map((k) => {
          const current = k.accessKeyId === sessionKeyId;
          return (
            <li key={k.accessKeyId} data-testid="key-row" className="flex flex-wrap items-center justify-between gap-2 p-3">
              <span className="flex flex-wrap items-center gap-2">
                <span className="font-mono text-xs break-all">{k.accessKeyId}</span>
                {current && <span className="rounded bg-brand-50 px-1.5 py-0.5 text-xs text-brand-800">signed in with this pair</span>}
                {rotating && rotation.next === k.accessKeyId && <span className="rounded bg-amber-50 px-1.5 py-0.5 text-xs text-amber-900">new</span>}
              </span>
              <ConfirmButton label="Revoke" title="Revoke this key pair?" confirmLabel="Revoke key pair" busy={revoke.isPending} testId="revoke-key" onConfirm={() => revokeKey(k.accessKeyId).catch(() => undefined)}>
                <p>
                  Every application signing with <span className="font-mono break-all">{k.accessKeyId}</span> is refused at once. This cannot be undone.
                </p>
                {current && (
                  <p className="mt-2 font-medium text-red-800" data-testid="session-key-warning">
                    You signed in to this console with this key pair: revoking it signs you out. Sign in again with your other key pair.
                  </p>
                )}
                {keys.length === 1 && <p className="mt-2 font-medium text-red-800">It is your last key pair: nothing can use your storage until you make a new one.</p>}
              </ConfirmButton>
            </li>
          );
        })}
      </ul>
      {rotating ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3" data-testid="rotation">
          <p className="font-medium text-amber-950">Rotation under way</p>
          <ol className="mt-1 list-decimal pl-5 text-amber-950">
            <li className="line-through">Make a new key pair</li>
            <li>Switch your applications to <span className="font-mono text-xs">{rotation.next}</span></li>
            <li>Revoke the old pair, <span className="font-mono text-xs">{rotation.old}</span></li>
          </ol>
          <div className="mt-2 flex flex-wrap gap-2">
            <ConfirmButton label="I have switched" title="Revoke the old key pair?" confirmLabel="Revoke old key pair" variant="secondary" busy={revoke.isPending} onConfirm={() => revokeKey(rotation.old).catch(() => undefined)}>
              <p>
                <span className="font-mono break-all">{rotation.old}</span> stops working at once: anything still using it is refused.
              </p>
              {rotation.old === sessionKeyId && <p className="mt-2 font-medium text-red-800">You signed in with it: you will be signed out. Sign in again with the new pair.</p>}
            </ConfirmButton>
            <Button variant="ghost" onClick={() => setRotation(null)}>
              Stop rotating (keep both)
            </Button>
          </div>
        </div>
      ) : (
        <div className="flex flex-wrap items-center gap-2">
          <Button disabled={full || generate.isPending} onClick={() => generate.mutate(undefined, { onSuccess: (r) => setFresh(r.keyPair) })}>
            {generate.isPending ? 'Making…' : 'New key pair'}
          </Button>
          {keys.length === 1 && (
            <Button
              disabled={generate.isPending}
              onClick={() =>
                generate.mutate(undefined, {
                  onSuccess: (r) => {
                    setRotation({ old: keys[0].accessKeyId, next: r.keyPair.accessKeyId });
                    setFresh(r.keyPair);
                  },
                })
              }
            >
              Rotate keys
            </Button>
          )}
          {full && <span className="text-xs text-slate-600">You have {MAX_KEY_PAIRS} key pairs, the most there may be: revoke one to make another.</span>}
        </div>
      )}
      <LoadedOnFirstUse asked={fresh !== null}>
        <NewPair pair={fresh} rotating={rotating} onClose={() => setFresh(null)} />
      </LoadedOnFirstUse>
    </div>
  );
}
