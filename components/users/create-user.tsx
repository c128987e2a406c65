'use client';

import { useQuery } from '@/data/cache/hooks';
import { Link } from '../ui/link';
import { useState, type FormEvent } from 'react';
import { ApiClientError } from '@/data/api';
import { planQueries } from '@/data/plans/queries';
import { useCreateUser } from '@/data/users/mutations';
import type { CreatedUser } from '@/lib/users/contract';
import { Button } from '../ui/button';
import { Dialog } from '../ui/dialog';
import { SelectField, TextField } from '../ui/field';
import { NewKeyPairNotice } from './new-key-pair';

export function CreateUserButton({ disabled }: { disabled: boolean }) {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<CreatedUser | null>(null);
  const plans = useQuery({ ...planQueries.list(), enabled: open });
  const create = useCreateUser();
  const close = () => {
    setOpen(false);
    setCreated(null);
    create.reset();
  };
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    create.mutate({ email: String(form.get('email') ?? ''), planId: String(form.get('planId') ?? '') || null }, { onSuccess: setCreated });
  };
  const fields = create.error instanceof ApiClientError ? create.error.fields : {};
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
          <form onSubmit={submit} noValidate className="space-y-4">
            <TextField label="Email address" name="email" type="email" required autoFocus error={fields.email} />
            <SelectField label="Plan" name="planId" error={fields.planId} hint="The gateway creates the S3 user with a first key pair, shown once on the next screen.">
              <option value="">No plan</option>
              {plans.data?.plans.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </SelectField>
            <div className="flex justify-end gap-2 pt-2">
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
