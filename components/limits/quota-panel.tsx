'use client';

import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { numberField } from '@/lib/client/form';
import { api, ApiClientError } from '@/lib/client/api';
import { usePermission } from '../current-user';
import { Button, Forbidden } from '../ui/button';
import { useToast } from '../ui/toast';
import { formatBytes } from '../users/format';

export interface QuotaView {
  ownGb: number;
  defaultGb: number;
  effectiveGb: number;
}

/** Use against quota as a bar with figures; GB = 10^9 bytes. */
export function UsageBar({ usedBytes, quotaGb }: { usedBytes: string; quotaGb: number }) {
  if (quotaGb === 0) return <p className="text-sm text-slate-600">{formatBytes(usedBytes)} used · no quota</p>;
  const share = Number(usedBytes) / (quotaGb * 1e9);
  const percent = Math.min(100, share * 100);
  return (
    <div>
      <div className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(percent)} aria-label="Use of quota">
        <div className={`h-full ${share >= 0.9 ? 'bg-red-600' : share >= 0.75 ? 'bg-amber-500' : 'bg-brand-600'}`} style={{ width: `${percent}%` }} />
      </div>
      <p className="mt-1 text-sm text-slate-600" data-testid="quota-use">
        {formatBytes(usedBytes)} of {quotaGb.toLocaleString('en')} GB ({(share * 100).toFixed(share < 0.01 ? 3 : 1)}%)
      </p>
    </div>
  );
}

export function QuotaPanel({ endpoint, quota, usedBytes, invalidate }: { endpoint: string; quota: QuotaView; usedBytes: string; invalidate: QueryKey }) {
  const write = usePermission('quotas.write');
  const queryClient = useQueryClient();
  const toast = useToast();
  const [editing, setEditing] = useState(false);
  const save = useMutation({
    mutationFn: (gb: number | string) => api(endpoint, { method: 'PUT', body: { gb } }),
    onSuccess: () => {
      setEditing(false);
      toast('success', 'Quota saved.');
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: invalidate }),
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    save.mutate(numberField(new FormData(e.currentTarget).get('gb')));
  };
  const error = save.error instanceof ApiClientError ? (save.error.fields.gb ?? save.error.message) : null;
  return (
    <div className="space-y-3">
      <UsageBar usedBytes={usedBytes} quotaGb={quota.effectiveGb} />
      <p className="text-sm" data-testid="quota">
        {quota.ownGb > 0 ? `Quota: ${quota.ownGb.toLocaleString('en')} GB` : quota.defaultGb > 0 ? `No quota of its own: the default of ${quota.defaultGb.toLocaleString('en')} GB applies` : 'No quota: unlimited'}
      </p>
      {editing ? (
        <form onSubmit={submit} className="flex items-start gap-2" noValidate>
          <label className="text-sm font-medium">
            Quota in GB (0 = none of its own)
            <input name="gb" inputMode="numeric" defaultValue={quota.ownGb} autoFocus className="mt-1 block w-40 rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
            {error && <span className="block text-xs font-normal text-red-700">{error}</span>}
          </label>
          <Button type="submit" variant="primary" className="mt-6" disabled={save.isPending}>
            Save quota
          </Button>
          <Button className="mt-6" onClick={() => (setEditing(false), save.reset())}>
            Cancel
          </Button>
        </form>
      ) : (
        <div className="flex items-center gap-2">
          <Button disabled={!write.allowed} onClick={() => setEditing(true)}>
            Edit quota
          </Button>
          <Forbidden why={write.why} />
        </div>
      )}
    </div>
  );
}
