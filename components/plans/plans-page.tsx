'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { numberField } from '@/lib/client/form';
import { api, ApiClientError } from '@/lib/client/api';
import { LIMIT_LABELS, type LimitsInput } from '@/lib/limits/schema';
import { usePermission } from '../current-user';
import { Button, Forbidden } from '../ui/button';
import { ConfirmButton } from '../ui/confirm';
import { Dialog } from '../ui/dialog';
import { EmptyState, ErrorState, PageHeader, TableSkeleton } from '../ui/states';
import { useToast } from '../ui/toast';
import { planKeys, usePlans, type PlanView } from './use-plans';

const LIMITS = Object.keys(LIMIT_LABELS) as (keyof LimitsInput)[];
const unlimited = (n: number, unit: string) => (n === 0 ? 'unlimited' : `${n.toLocaleString('en')} ${unit}`);

function PlanForm({ plan, onDone }: { plan: PlanView | null; onDone: () => void }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const save = useMutation({
    mutationFn: (input: unknown) => api(plan ? `/api/plans/${plan.id}` : '/api/plans', { method: plan ? 'PUT' : 'POST', body: input }),
    onSuccess: () => {
      toast('success', plan ? 'Plan saved. Users on it show drift until it is re-applied.' : 'Plan created.');
      queryClient.invalidateQueries({ queryKey: planKeys.all });
      onDone();
    },
  });
  const fields = save.error instanceof ApiClientError ? save.error.fields : {};
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    save.mutate({
      name: f.get('name'),
      userQuotaGb: numberField(f.get('userQuotaGb')),
      bucketQuotaGb: numberField(f.get('bucketQuotaGb')),
      limits: Object.fromEntries(LIMITS.map((n) => [n, numberField(f.get(n))])),
    });
  };
  const input = 'mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm';
  const error = (name: string) => fields[name] && <span className="text-xs font-normal text-red-700">{fields[name]}</span>;
  return (
    <form onSubmit={submit} noValidate className="space-y-3">
      <label className="block text-sm font-medium">
        Name
        <input name="name" defaultValue={plan?.name} autoFocus className={input} />
        {error('name')}
      </label>
      <div className="grid grid-cols-2 gap-3">
        <label className="block text-sm font-medium">
          User quota (GB, 0 = none)
          <input name="userQuotaGb" inputMode="numeric" defaultValue={plan?.userQuotaGb ?? 0} className={input} />
          {error('userQuotaGb')}
        </label>
        <label className="block text-sm font-medium">
          Bucket quota (GB, 0 = none)
          <input name="bucketQuotaGb" inputMode="numeric" defaultValue={plan?.bucketQuotaGb ?? 0} className={input} />
          {error('bucketQuotaGb')}
        </label>
        {LIMITS.map((n) => (
          <label key={n} className="block text-sm font-medium">
            {LIMIT_LABELS[n].label} ({LIMIT_LABELS[n].unit})
            <input name={n} inputMode="decimal" defaultValue={plan?.limits[n] ?? 0} className={input} />
            {error(`limits.${n}`)}
          </label>
        ))}
      </div>
      {save.error && !Object.keys(fields).length && <p className="text-sm text-red-700">{save.error.message}</p>}
      <div className="flex justify-end gap-2 pt-2">
        <Button onClick={onDone}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={save.isPending}>
          {plan ? 'Save plan' : 'Create plan'}
        </Button>
      </div>
    </form>
  );
}

export function PlansPage() {
  const write = usePermission('plans.write');
  const plans = usePlans();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [editing, setEditing] = useState<PlanView | 'new' | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => api(`/api/plans/${id}`, { method: 'DELETE' }),
    onSuccess: () => toast('success', 'Plan deleted.'),
    onError: (e) => toast('error', e.message),
    onSettled: () => queryClient.invalidateQueries({ queryKey: planKeys.all }),
  });
  return (
    <>
      <PageHeader title="Service plans">
        <Forbidden why={write.why} />
        <Button variant="primary" disabled={!write.allowed} onClick={() => setEditing('new')}>
          New plan
        </Button>
      </PageHeader>
      {plans.isPending ? (
        <TableSkeleton columns={5} />
      ) : plans.isError ? (
        <ErrorState error={plans.error} retry={() => plans.refetch()} />
      ) : plans.data.plans.length === 0 ? (
        <EmptyState title="No plans yet.">A plan bundles the quotas and limits you sell; users can be created on one.</EmptyState>
      ) : (
        <table className="w-full rounded-lg border border-slate-200 bg-white text-sm">
          <thead className="bg-slate-50 text-left text-xs tracking-wide text-slate-500 uppercase">
            <tr>
              <th className="px-4 py-2 font-medium">Plan</th>
              <th className="px-4 py-2 font-medium">User quota</th>
              <th className="px-4 py-2 font-medium">Bucket quota</th>
              <th className="px-4 py-2 font-medium">Limits</th>
              <th className="px-4 py-2" />
            </tr>
          </thead>
          <tbody>
            {plans.data.plans.map((p) => (
              <tr key={p.id} className="border-t border-slate-100 align-top" data-testid={`plan-${p.name}`}>
                <td className="px-4 py-2 font-medium">
                  <Link href={`/users?plan=${p.id}`} className="text-brand-700 hover:underline">
                    {p.name}
                  </Link>
                </td>
                <td className="px-4 py-2">{unlimited(p.userQuotaGb, 'GB')}</td>
                <td className="px-4 py-2">{unlimited(p.bucketQuotaGb, 'GB')}</td>
                <td className="px-4 py-2 text-xs text-slate-600">
                  {LIMITS.filter((n) => p.limits[n] > 0).map((n) => `${LIMIT_LABELS[n].label} ${p.limits[n]} ${LIMIT_LABELS[n].unit}`).join(' · ') || 'none'}
                </td>
                <td className="px-4 py-2 text-right whitespace-nowrap">
                  {write.allowed && (
                    <span className="inline-flex gap-2">
                      <Button onClick={() => setEditing(p)}>Edit</Button>
                      <ConfirmButton label="Delete" title={`Delete the plan ${p.name}?`} confirmLabel="Delete plan" onConfirm={() => remove.mutateAsync(p.id).catch(() => undefined)}>
                        A plan that users are on cannot be deleted. Nothing changes on the gateway.
                      </ConfirmButton>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Dialog open={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? 'New plan' : `Edit ${editing?.name ?? ''}`}>
        <PlanForm plan={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
      </Dialog>
    </>
  );
}
