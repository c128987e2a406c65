'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiClientError } from '@/lib/client/api';
import { Button } from '../ui/button';
import { ConfirmButton } from '../ui/confirm';
import { Dialog } from '../ui/dialog';
import { ErrorState, PageHeader, TableSkeleton } from '../ui/states';
import { useToast } from '../ui/toast';

interface Staff {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'support';
  disabled: boolean;
  createdAt: string;
}

export function StaffPage() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const list = useQuery({ queryKey: ['staff'], queryFn: () => api<{ staff: Staff[] }>('/api/staff') });
  const done = () => queryClient.invalidateQueries({ queryKey: ['staff'] });
  const create = useMutation({
    mutationFn: (input: Record<string, string>) => api('/api/staff', { method: 'POST', body: input }),
    onSuccess: () => {
      setOpen(false);
      toast('success', 'Staff account created.');
      done();
    },
  });
  const update = useMutation({
    mutationFn: ({ id, change }: { id: string; change: { disabled?: boolean } }) => api(`/api/staff/${id}`, { method: 'PATCH', body: change }),
    onSuccess: () => toast('success', 'Staff account updated; its sessions have ended.'),
    onError: (e) => toast('error', e.message),
    onSettled: done,
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    create.mutate(Object.fromEntries([...new FormData(e.currentTarget)].map(([k, v]) => [k, String(v)])));
  };
  const fields = create.error instanceof ApiClientError ? create.error.fields : {};
  const input = 'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm';
  return (
    <>
      <PageHeader title="Staff">
        <Button variant="primary" onClick={() => setOpen(true)}>
          Add staff account
        </Button>
      </PageHeader>
      {list.isPending ? (
        <TableSkeleton columns={4} />
      ) : list.isError ? (
        <ErrorState error={list.error} retry={() => list.refetch()} />
      ) : (
        <table className="w-full rounded-lg border border-slate-200 bg-white text-sm">
          <thead className="bg-slate-50 text-left text-xs tracking-wide text-slate-500 uppercase">
            <tr>
              <th className="px-4 py-2 font-medium">Name</th>
              <th className="px-4 py-2 font-medium">Email</th>
              <th className="px-4 py-2 font-medium">Role</th>
              <th className="px-4 py-2" />
            </tr>
          </thead>
          <tbody>
            {list.data.staff.map((s) => (
              <tr key={s.id} className="border-t border-slate-100">
                <td className="px-4 py-2">{s.name}</td>
                <td className="px-4 py-2">{s.email}</td>
                <td className="px-4 py-2">
                  {s.role}
                  {s.disabled && <span className="ml-2 rounded-full bg-slate-200 px-2 py-0.5 text-xs">disabled</span>}
                </td>
                <td className="px-4 py-2 text-right">
                  {s.disabled ? (
                    <Button onClick={() => update.mutate({ id: s.id, change: { disabled: false } })}>Enable</Button>
                  ) : (
                    <ConfirmButton label="Disable" title={`Disable ${s.email}?`} confirmLabel="Disable account" onConfirm={() => update.mutateAsync({ id: s.id, change: { disabled: true } }).catch(() => undefined)}>
                      They are signed out everywhere at once and cannot sign in until enabled again.
                    </ConfirmButton>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Dialog open={open} onClose={() => setOpen(false)} title="Add a staff account">
        <form onSubmit={submit} className="space-y-3" noValidate>
          {(['name', 'email', 'password'] as const).map((f) => (
            <label key={f} className="block text-sm font-medium capitalize">
              {f}
              <input name={f} type={f === 'password' ? 'password' : f === 'email' ? 'email' : 'text'} autoComplete="off" className={input} />
              {fields[f] && <span className="text-xs font-normal text-red-700">{fields[f]}</span>}
            </label>
          ))}
          <label className="block text-sm font-medium">
            Role
            <select name="role" defaultValue="support" className={input}>
              <option value="support">Support (read-only)</option>
              <option value="admin">Admin</option>
            </select>
          </label>
          {create.error && !Object.keys(fields).length && <p className="text-sm text-red-700">{create.error.message}</p>}
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
