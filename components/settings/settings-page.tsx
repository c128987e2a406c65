'use client';

import { useQuery } from '@/data/cache/hooks';
import type { FormEvent } from 'react';
import { ApiClientError } from '@/data/api';
import { useSetDefaultQuotas } from '@/data/limits/mutations';
import { settingsQueries } from '@/data/limits/queries';
import { usePermission } from '../current-user';
import { Button } from '../ui/button';
import { TextField } from '../ui/field';
import { numberFields } from '../ui/form-values';
import { ErrorState, PageHeader, TableSkeleton } from '../ui/states';

export function SettingsPage() {
  const write = usePermission('settings.write');
  const defaults = useQuery(settingsQueries.quotas());
  const save = useSetDefaultQuotas();
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
        <form onSubmit={submit} noValidate className="max-w-xl rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
          <h2 className="text-base font-semibold">Default quotas</h2>
          <p className="mt-1 text-sm text-slate-600">Apply to every user and every bucket without a quota of its own. In GB (10^9 bytes); 0 = no default.</p>
          <div className="mt-4 grid grid-cols-1 gap-4 sm:grid-cols-2">
            <TextField label="Per user (GB)" name="userGb" inputMode="numeric" defaultValue={defaults.data.userGb} disabled={!write.allowed} error={fields.userGb} />
            <TextField label="Per bucket (GB)" name="bucketGb" inputMode="numeric" defaultValue={defaults.data.bucketGb} disabled={!write.allowed} error={fields.bucketGb} />
          </div>
          <div className="mt-4 flex items-center gap-3">
            <Button type="submit" variant="primary" disabled={!write.allowed || save.isPending}>
              Save defaults
            </Button>
          </div>
        </form>
      )}
    </>
  );
}
