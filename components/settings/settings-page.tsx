'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { numberFields } from '@/lib/client/form';
import { api, ApiClientError } from '@/lib/client/api';
import { usePermission } from '../current-user';
import { Button, Forbidden } from '../ui/button';
import { ErrorState, PageHeader, TableSkeleton } from '../ui/states';
import { useToast } from '../ui/toast';

export function SettingsPage() {
  const write = usePermission('settings.write');
  const queryClient = useQueryClient();
  const toast = useToast();
  const defaults = useQuery({ queryKey: ['settings', 'quotas'], queryFn: () => api<{ userGb: number; bucketGb: number }>('/api/settings/quotas') });
  const save = useMutation({
    mutationFn: (input: Record<string, number | string>) => api('/api/settings/quotas', { method: 'PUT', body: input }),
    onSuccess: () => toast('success', 'Default quotas saved.'),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['settings'] }),
  });
  const fields = save.error instanceof ApiClientError ? save.error.fields : {};
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    save.mutate(numberFields(e.currentTarget));
  };
  return (
    <>
      <PageHeader title="Settings" />
      {defaults.isPending ? (
        <TableSkeleton rows={2} />
      ) : defaults.isError ? (
        <ErrorState error={defaults.error} retry={() => defaults.refetch()} />
      ) : (
        <form onSubmit={submit} noValidate className="max-w-xl rounded-lg border border-slate-200 bg-white p-5">
          <h2 className="text-base font-semibold">Default quotas</h2>
          <p className="mt-1 text-sm text-slate-600">Apply to every user and every bucket without a quota of its own. In GB (10^9 bytes); 0 = no default.</p>
          <div className="mt-4 grid grid-cols-2 gap-4">
            {(['userGb', 'bucketGb'] as const).map((f) => (
              <label key={f} className="block text-sm font-medium">
                {f === 'userGb' ? 'Per user' : 'Per bucket'} (GB)
                <input name={f} inputMode="numeric" defaultValue={defaults.data[f]} disabled={!write.allowed} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
                {fields[f] && <span className="text-xs font-normal text-red-700">{fields[f]}</span>}
              </label>
            ))}
          </div>
          <div className="mt-4 flex items-center gap-3">
            <Button type="submit" variant="primary" disabled={!write.allowed || save.isPending}>
              Save defaults
            </Button>
            <Forbidden why={write.why} />
          </div>
        </form>
      )}
    </>
  );
}
