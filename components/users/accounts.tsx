'use client';

import { useState, type FormEvent } from 'react';
import { ApiClientError } from '@/lib/client/api';
import type { NewKeyPair, UserDetail } from '@/lib/users/views';
import { usePermission } from '../current-user';
import { Button, Forbidden } from '../ui/button';
import { ConfirmButton } from '../ui/confirm';
import { KeyPairs } from './key-pairs';
import { NewKeyPairNotice } from './new-key-pair';
import { useUserAction } from './use-user-action';

export function Accounts({ user }: { user: UserDetail }) {
  const write = usePermission('accounts.write');
  const [fresh, setFresh] = useState<(NewKeyPair & { recovered?: string }) | null>(null);
  const create = useUserAction<{ account: { name: string }; keyPair: NewKeyPair | null; recovered?: string }>(user.id, (r) => `Account ${r.account.name} created.`);
  const remove = useUserAction(user.id, 'Account deleted.');
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const name = String(new FormData(form).get('name') ?? '');
    const result = await create.mutateAsync({ path: `/api/users/${user.id}/accounts`, method: 'POST', body: { name } }).catch(() => null);
    if (result) {
      form.reset();
      setFresh(result.keyPair && { ...result.keyPair, recovered: result.recovered });
    }
  };
  const fieldError = create.error instanceof ApiClientError ? (create.error.fields.name ?? create.error.message) : null;
  return (
    <div className="space-y-4">
      {user.accounts.length === 0 && <p className="text-sm text-slate-500">This user has no accounts.</p>}
      {user.accounts.map((a) => (
        <div key={a.name} className="rounded-md border border-slate-200 p-4" data-testid={`account-${a.name}`}>
          <div className="mb-3 flex items-center justify-between">
            <h3 className="font-medium">{a.name}</h3>
            {write.allowed && (
              <ConfirmButton
                label="Delete account"
                title={`Delete the account “${a.name}”?`}
                confirmLabel="Delete account"
                busy={remove.isPending}
                onConfirm={() => remove.mutateAsync({ path: `/api/users/${user.id}/accounts/${encodeURIComponent(a.name)}`, method: 'DELETE' }).catch(() => undefined)}
              >
                Its {a.keys.length} key pair(s) stop working at once. This cannot be undone.
              </ConfirmButton>
            )}
          </div>
          <KeyPairs userId={user.id} account={a.name} keys={a.keys} />
        </div>
      ))}
      {fresh && <NewKeyPairNotice pair={fresh} onDone={() => setFresh(null)} />}
      {write.allowed ? (
        <form onSubmit={submit} className="flex items-start gap-2" noValidate>
          <div>
            <input name="name" aria-label="New account name" placeholder="New account name" required className="rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
            {fieldError && (
              <p data-testid="account-error" className="mt-1 text-xs text-red-700">
                {fieldError}
              </p>
            )}
          </div>
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create account'}
          </Button>
        </form>
      ) : (
        <Forbidden why={write.why} />
      )}
    </div>
  );
}
