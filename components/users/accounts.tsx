'use client';

import { lazy, Suspense, useState, type FormEvent } from 'react';
import { ApiClientError } from '@/data/api';
import { useCreateAccount, useDeleteAccount, type Subject } from '@/data/users/mutations';
import type { NewKeys } from '@/lib/users/contract';
import { usePermission } from '../current-user';
import { Button } from '../ui/button';
import { ConfirmButton } from '../ui/confirm';
import { TextField } from '../ui/field';
import { KeyPairs } from './key-pairs';

// Shown right after a key pair is made: loaded then, not with the page.
const NewKeyPairNotice = lazy(() => import('./new-key-pair').then((m) => ({ default: m.NewKeyPairNotice })));

/**
 * Accounts — the gateway's sub-users, each for one application or job with key pairs of its own —
 * of a user (`userId`, for staff) or of the signed-in customer (`userId` null).
 */
export function Accounts({ userId, subject, accounts }: { userId: string | null; subject: Subject; accounts: { name: string; keys: { accessKeyId: string }[] }[] }) {
  const write = usePermission(userId === null ? 'self.write' : 'accounts.write');
  const [fresh, setFresh] = useState<NewKeys | null>(null);
  const create = useCreateAccount(subject);
  const remove = useDeleteAccount(subject);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    create.mutate(String(new FormData(form).get('name') ?? ''), {
      onSuccess: (result) => {
        form.reset();
        setFresh(result.keyPair && { keyPair: result.keyPair, recovered: result.recovered });
      },
    });
  };
  const fieldError = create.error instanceof ApiClientError ? create.error.fields.name : undefined;
  return (
    <div className="space-y-4">
      {accounts.length === 0 && (
        <p className="text-sm text-slate-500">
          {userId === null ? 'You have no accounts. An account is a sub-user with key pairs of its own, for one application or backup job: revoke its keys without touching yours.' : 'This user has no accounts.'}
        </p>
      )}
      {accounts.map((a) => (
        <div key={a.name} className="rounded-md border border-slate-200 p-4" data-testid={`account-${a.name}`}>
          <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
            <h3 className="font-medium">{a.name}</h3>
            {write.allowed && (
              <ConfirmButton label="Delete account" title={`Delete the account “${a.name}”?`} confirmLabel="Delete account" busy={remove.isPending} onConfirm={() => remove.mutateAsync(a.name).catch(() => undefined)}>
                Its {a.keys.length} key pair(s) stop working at once. This cannot be undone.
              </ConfirmButton>
            )}
          </div>
          <KeyPairs userId={userId} subject={subject} account={a.name} keys={a.keys} />
        </div>
      ))}
      {fresh && (
        <Suspense>
          <NewKeyPairNotice pair={{ ...fresh.keyPair, recovered: fresh.recovered }} staff={userId !== null} onDone={() => setFresh(null)} />
        </Suspense>
      )}
      {write.allowed && (
        <form onSubmit={submit} className="flex flex-wrap items-end gap-2" noValidate>
          <TextField label="New account name" name="name" required error={fieldError} className="w-full max-w-64" />
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create account'}
          </Button>
        </form>
      )}
    </div>
  );
}
