'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { api, ApiClientError } from '@/lib/client/api';
import type { NewKeyPair } from '@/lib/users/views';
import { Button } from '../ui/button';
import { Dialog } from '../ui/dialog';
import { userKeys } from './keys';
import { NewKeyPairNotice } from './new-key-pair';
import { usePlans } from '../plans/use-plans';

interface Created {
  user: { id: string; email: string };
  keyPair: NewKeyPair;
  plan: { status: string; plan: { name: string } } | null;
  recovered?: string;
}

export function CreateUserButton({ disabled }: { disabled: boolean }) {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  const queryClient = useQueryClient();
  const plans = usePlans(open);
  const create = useMutation({
    mutationFn: (input: { email: string; planId: string | null }) => api<Created>('/api/users', { method: 'POST', body: input }),
    onSuccess: (result) => {
      setCreated(result);
      queryClient.invalidateQueries({ queryKey: userKeys.all });
    },
  });
  const close = () => {
    setOpen(false);
    setCreated(null);
    create.reset();
  };
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    create.mutate({ email: String(form.get('email') ?? ''), planId: String(form.get('planId') ?? '') || null });
  };
  const fieldError = create.error instanceof ApiClientError ? (create.error.fields.email ?? create.error.message) : create.error?.message;
  return (
    <>
      <Button variant="primary" disabled={disabled} onClick={() => setOpen(true)}>
        Create user
      </Button>
      <Dialog open={open} onClose={close} title={created ? 'User created' : 'Create a user'}>
        {created ? (
          <div className="space-y-4">
            <p className="text-sm">
              <Link className="font-medium text-brand-700 underline" href={`/users/${created.user.id}`} onClick={close}>
                {created.user.email}
              </Link>{' '}
              was created with user ID <span className="font-mono">{created.user.id}</span>.
            </p>
            {created.plan && (
              <p data-testid="created-plan" className={`text-sm ${created.plan.status === 'applied' ? 'text-emerald-700' : 'text-amber-800'}`}>
                {created.plan.status === 'applied'
                  ? `Plan ${created.plan.plan.name} applied.`
                  : `Plan ${created.plan.plan.name} was applied only in part; finish it from the user’s page.`}
              </p>
            )}
            <NewKeyPairNotice pair={{ ...created.keyPair, recovered: created.recovered }} />
            <div className="flex justify-end">
              <Button variant="primary" onClick={close}>
                Done
              </Button>
            </div>
          </div>
        ) : (
          <form onSubmit={submit} noValidate>
            <label className="block text-sm font-medium">
              Email address
              <input
                name="email"
                type="email"
                required
                autoFocus
                aria-invalid={Boolean(fieldError)}
                aria-describedby="create-user-error"
                className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
              />
            </label>
            {fieldError && (
              <p id="create-user-error" data-testid="form-error" className="mt-2 text-sm text-red-700">
                {fieldError}
              </p>
            )}
            <label className="mt-4 block text-sm font-medium">
              Plan
              <select name="planId" className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-2 text-sm">
                <option value="">No plan</option>
                {plans.data?.plans.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
            <p className="mt-2 text-xs text-slate-500">The gateway creates the S3 user with a first key pair, shown once on the next screen.</p>
            <div className="mt-6 flex justify-end gap-2">
              <Button onClick={close}>Cancel</Button>
              <Button type="submit" variant="primary" disabled={create.isPending}>
                {create.isPending ? 'Creating…' : 'Create user'}
              </Button>
            </div>
          </form>
        )}
      </Dialog>
    </>
  );
}
