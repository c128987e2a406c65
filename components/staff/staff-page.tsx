'use client';

import { useQuery } from '@/data/cache/hooks';
import { useState, type FormEvent } from 'react';
import { ApiClientError } from '@/data/api';
import { useCreateStaff, useResetPassword, useUpdateStaff } from '@/data/staff/mutations';
import { staffQueries } from '@/data/staff/queries';
import { formatWhen } from '@/lib/format';
import type { StaffMember } from '@/lib/staff/contract';
import { Button } from '../ui/button';
import { ConfirmButton } from '../ui/confirm';
import { DataTable, type Column } from '../ui/data-table';
import { Dialog } from '../ui/dialog';
import { ShownOnce } from '../ui/shown-once';
import { CONTROL, SelectField, TextField } from '../ui/field';
import { PageHeader } from '../ui/states';

const ROLE = { admin: 'Admin', support: 'Support (read-only)' };

/** A new password, shown once: to be handed to its owner by a safe way. */
function NewPassword({ shown, onClose }: { shown: { email: string; password: string } | null; onClose: () => void }) {
  return (
    <ShownOnce title="New password" secret={shown?.password ?? null} testId="new-password" copyLabel="Copy password" onClose={onClose}>
      The new password of <strong className="break-all">{shown?.email}</strong>. Copy it now and give it to them by a safe way: it is not shown again. Their sessions have ended.
    </ShownOnce>
  );
}

export function StaffPage() {
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState<{ email: string; password: string } | null>(null);
  const list = useQuery(staffQueries.list());
  const create = useCreateStaff();
  const update = useUpdateStaff();
  const reset = useResetPassword();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    create.mutate(Object.fromEntries([...new FormData(e.currentTarget)].map(([k, v]) => [k, String(v)])), { onSuccess: () => setOpen(false) });
  };
  const fields = create.error instanceof ApiClientError ? create.error.fields : {};
  const columns: Column<StaffMember>[] = [
    {
      id: 'name',
      header: 'Name',
      sortable: true,
      sortValue: (s) => s.name.toLowerCase(),
      cell: (s) => (
        <>
          {s.name}
          {s.self && <span className="ml-2 text-xs text-slate-500">(you)</span>}
        </>
      ),
    },
    { id: 'email', header: 'Email', sortable: true, sortValue: (s) => s.email, cell: (s) => <span className="break-all">{s.email}</span> },
    {
      id: 'role',
      header: 'Role',
      cell: (s) =>
        s.self ? (
          ROLE[s.role]
        ) : (
          <select
            aria-label={`Role of ${s.email}`}
            value={s.role}
            disabled={update.isPending}
            onChange={(e) => update.mutate({ id: s.id, change: { role: e.target.value as StaffMember['role'] } })}
            className={CONTROL}
          >
            <option value="support">{ROLE.support}</option>
            <option value="admin">{ROLE.admin}</option>
          </select>
        ),
    },
    {
      id: 'last',
      header: 'Last sign-in',
      sortable: true,
      sortValue: (s) => s.lastSignInAt ?? '',
      cell: (s) => <span className="whitespace-nowrap">{s.lastSignInAt ? formatWhen(s.lastSignInAt) : 'never'}</span>,
    },
    {
      id: 'actions',
      header: <span className="sr-only">Actions</span>,
      align: 'right',
      className: 'whitespace-nowrap',
      cell: (s) =>
        !s.self && (
          <span className="inline-flex flex-wrap justify-end gap-2">
            {s.disabled && <span className="self-center rounded-full bg-slate-200 px-2 py-0.5 text-xs">disabled</span>}
            <ConfirmButton
              label="Reset password"
              title={`Reset the password of ${s.email}?`}
              confirmLabel="Reset password"
              variant="secondary"
              busy={reset.isPending}
              onConfirm={() => reset.mutateAsync(s.id).then((r) => setPassword({ email: r.staff.email, password: r.password }), () => undefined)}
            >
              A new password is generated and shown to you once. Their current password stops working and they are signed out everywhere.
            </ConfirmButton>
            {s.disabled ? (
              <Button onClick={() => update.mutate({ id: s.id, change: { disabled: false } })}>Enable</Button>
            ) : (
              <ConfirmButton label="Disable" title={`Disable ${s.email}?`} confirmLabel="Disable account" onConfirm={() => update.mutateAsync({ id: s.id, change: { disabled: true } }).catch(() => undefined)}>
                They are signed out everywhere at once and cannot sign in until enabled again.
              </ConfirmButton>
            )}
          </span>
        ),
    },
  ];
  return (
    <>
      <PageHeader title="Staff">
        <Button variant="primary" onClick={() => setOpen(true)}>
          Add staff account
        </Button>
      </PageHeader>
      <p className="mb-4 max-w-3xl text-sm text-slate-600">Changing someone’s role, disabling them or resetting their password signs them out everywhere at once. Your own account is changed by another admin.</p>
      <DataTable columns={columns} rows={list.data?.staff} rowKey={(s) => s.id} state={{ isPending: list.isPending, error: list.error, retry: () => list.refetch() }} empty={{ title: 'No staff accounts.' }} />
      <Dialog open={open} onClose={() => setOpen(false)} title="Add a staff account">
        <form onSubmit={submit} className="space-y-3" noValidate>
          <TextField label="Name" name="name" required autoComplete="off" error={fields.name} />
          <TextField label="Email" name="email" type="email" required autoComplete="off" error={fields.email} />
          <TextField label="Password" name="password" type="password" required autoComplete="new-password" error={fields.password} hint="At least 12 characters." />
          <SelectField label="Role" name="role" defaultValue="support" error={fields.role}>
            <option value="support">{ROLE.support}</option>
            <option value="admin">{ROLE.admin}</option>
          </SelectField>
          <div className="flex justify-end gap-2 pt-2">
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={create.isPending}>
              Add account
            </Button>
          </div>
        </form>
      </Dialog>
      <NewPassword shown={password} onClose={() => setPassword(null)} />
    </>
  );
}
