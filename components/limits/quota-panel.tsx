'use client';

import { lazy, Suspense, type FormEvent } from 'react';
import { ApiClientError } from '@/data/api';
import { useSetQuota, type LimitsOwner } from '@/data/limits/mutations';
import { formatBytes, formatNumber } from '@/lib/format';
import type { QuotaView } from '@/lib/limits/contract';
import { usePermission } from '../current-user';
import { Button } from '../ui/button';
import { useEditToggle } from '../ui/use-edit-toggle';
import { numberField } from '../ui/form-values';

// The form is loaded when Edit is pressed, not with the page.
const QuotaForm = lazy(() => import('./limits-form').then((m) => ({ default: m.QuotaForm })));

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
        {formatBytes(usedBytes)} of {formatNumber(quotaGb)} GB ({(share * 100).toFixed(share < 0.01 ? 3 : 1)}%)
      </p>
    </div>
  );
}

export function QuotaPanel({ owner, quota, usedBytes }: { owner: LimitsOwner; quota: QuotaView; usedBytes: string }) {
  const write = usePermission('quotas.write');
  // Back from the form, the keyboard is where it was: on this panel's Edit button.
  const { editing, editButton: edit, open, done } = useEditToggle();
  const save = useSetQuota(owner);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    save.mutate(numberField(new FormData(e.currentTarget).get('gb')), { onSuccess: done });
  };
  const error = save.error instanceof ApiClientError ? save.error.fields.gb : undefined;
  return (
    <div className="space-y-3">
      <UsageBar usedBytes={usedBytes} quotaGb={quota.effectiveGb} />
      <p className="text-sm" data-testid="quota">
        {quota.ownGb > 0 ? `Quota: ${formatNumber(quota.ownGb)} GB` : quota.defaultGb > 0 ? `No quota of its own: the default of ${formatNumber(quota.defaultGb)} GB applies` : 'No quota: unlimited'}
      </p>
      {editing ? (
        <Suspense fallback={<p className="text-sm text-slate-500">Loading the form…</p>}>
          <QuotaForm ownGb={quota.ownGb} onSubmit={submit} pending={save.isPending} error={error} onCancel={() => (done(), save.reset())} />
        </Suspense>
      ) : (
        <div className="flex items-center gap-2">
          <Button ref={edit} disabled={!write.allowed} onClick={open}>
            Edit quota
          </Button>
        </div>
      )}
    </div>
  );
}
