'use client';

import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiClientError } from '@/data/api';
import { useCreateStaff, useUpdateStaff } from '@/data/staff/mutations';
import { staffQueries } from '@/data/staff/queries';
import type { StaffMember } from '@/lib/staff/contract';
import { Button } from '../ui/button';
import { ConfirmButton } from '../ui/confirm';
import { DataTable, type Column } from '../ui/data-table';
import { Dialog } from '../ui/dialog';
import { SelectField, TextField } from '../ui/field';
import { PageHeader } from '../ui/states';

export function StaffPage() {
  const [open, setOpen] = useState(false);
  const list = useQuery(staffQueries.list());
  const create = useCreateStaff();
  const update = useUpdateStaff();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    create.mutate(Object.fromEntries([...new FormData(e.currentTarget)].map(([k, v]) => [k, String(v)])), { onSuccess: () => setOpen(false) });
  };
  const fields = create.error instanceof ApiClientError ? create.error.fields : {};
  const columns: Column<StaffMember>[] = [
    { id: 'name', header: 'Name', sortable: true, sortValue: (s) => s.name.toLowerCase(), cell: (s) => s.name },
    { id: 'email', header: 'Email', sortable: true, sortValue: (s) => s.email, cell: (s) => s.email },
    {
      id: 'role',
      header: 'Role',
      cell: (s) => (
        <>
          {s.role}
          {s.disabled && <span className="ml-2 rounded-full bg-slate-200 px-2 py-0.5 text-xs">disabled</span>}
        </>
      ),
    },
    {
      id: 'actions',
      header: <span className="sr-only">Actions</span>,
      align: 'right',
      cell: (s) =>
        s.disabled ? (
          <Button onClick={() => update.mutate({ id: s.id, change: { disabled: false } })}>Enable</Button>
        ) : (
          <ConfirmButton label="Disable" title={`Disable ${s.email}?`} confirmLabel="Disable account" onConfirm={() => update.mutateAsync({ id: s.id, change: { disabled: true } }).catch(() => undefined)}>
            They are signed out everywhere at once and cannot sign in until enabled again.
          </ConfirmButton>
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
      <DataTable columns={columns} rows={list.data?.staff} rowKey={(s) => s.id} state={{ isPending: list.isPending, error: list.error, retry: () => list.refetch() }} empty={{ title: 'No staff accounts.' }} />
      <Dialog open={open} onClose={() => setOpen(false)} title="Add a staff account">
        <form onSubmit={submit} className="space-y-3" noValidate>
          <TextField label="Name" name="name" required autoComplete="off" error={fields.name} />
          <TextField label="Email" name="email" type="email" required autoComplete="off" error={fields.email} />
          <TextField label="Password" name="password" type="password" required autoComplete="new-password" error={fields.password} hint="At least 12 characters." />
          <SelectField label="Role" name="role" defaultValue="support" error={fields.role}>
            <option value="support">Support (read-only)</option>
            <option value="admin">Admin</option>
          </SelectField>
          <div className="flex justify-end gap-2 pt-2">
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={create.isPending}>
              Add account
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
