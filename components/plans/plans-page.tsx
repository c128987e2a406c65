'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { ApiClientError } from '@/data/api';
import { useDeletePlan, useSavePlan } from '@/data/plans/mutations';
import { planQueries } from '@/data/plans/queries';
import { LIMIT_KEYS, LIMIT_LABELS } from '@/lib/limits/labels';
import type { PlanView } from '@/lib/plans/contract';
import { usePermission } from '../current-user';
import { Button, Forbidden } from '../ui/button';
import { ConfirmButton } from '../ui/confirm';
import { DataTable, type Column } from '../ui/data-table';
import { Dialog } from '../ui/dialog';
import { TextField } from '../ui/field';
import { numberField } from '../ui/form-values';
import { PageHeader } from '../ui/states';

const unlimited = (n: number, unit: string) => (n === 0 ? 'unlimited' : `${n.toLocaleString('en')} ${unit}`);

function PlanForm({ plan, onDone }: { plan: PlanView | null; onDone: () => void }) {
  const save = useSavePlan(plan?.id ?? null);
  const fields = save.error instanceof ApiClientError ? save.error.fields : {};
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    save.mutate(
      {
        name: f.get('name'),
        userQuotaGb: numberField(f.get('userQuotaGb')),
        bucketQuotaGb: numberField(f.get('bucketQuotaGb')),
        limits: Object.fromEntries(LIMIT_KEYS.map((n) => [n, numberField(f.get(n))])),
      },
      { onSuccess: onDone },
    );
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-3">
      <TextField label="Name" name="name" defaultValue={plan?.name} autoFocus required error={fields.name} />
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <TextField label="User quota (GB, 0 = none)" name="userQuotaGb" inputMode="numeric" defaultValue={plan?.userQuotaGb ?? 0} error={fields.userQuotaGb} />
        <TextField label="Bucket quota (GB, 0 = none)" name="bucketQuotaGb" inputMode="numeric" defaultValue={plan?.bucketQuotaGb ?? 0} error={fields.bucketQuotaGb} />
        {LIMIT_KEYS.map((n) => (
          <TextField key={n} label={`${LIMIT_LABELS[n].label} (${LIMIT_LABELS[n].unit})`} name={n} inputMode="decimal" defaultValue={plan?.limits[n] ?? 0} error={fields[`limits.${n}`]} />
        ))}
      </div>
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
  const plans = useQuery(planQueries.list());
  const remove = useDeletePlan();
  const [editing, setEditing] = useState<PlanView | 'new' | null>(null);
  const columns: Column<PlanView>[] = [
    {
      id: 'name',
      header: 'Plan',
      sortable: true,
      sortValue: (p) => p.name.toLowerCase(),
      cell: (p) => (
        <Link href={`/users?plan=${p.id}`} className="font-medium text-brand-700 hover:underline">
          {p.name}
        </Link>
      ),
    },
    { id: 'userQuota', header: 'User quota', cell: (p) => unlimited(p.userQuotaGb, 'GB') },
    { id: 'bucketQuota', header: 'Bucket quota', cell: (p) => unlimited(p.bucketQuotaGb, 'GB') },
    {
      id: 'limits',
      header: 'Limits',
      className: 'text-xs text-slate-600',
      cell: (p) => LIMIT_KEYS.filter((n) => p.limits[n] > 0).map((n) => `${LIMIT_LABELS[n].label} ${p.limits[n]} ${LIMIT_LABELS[n].unit}`).join(' · ') || 'none',
    },
    {
      id: 'actions',
      header: <span className="sr-only">Actions</span>,
      align: 'right',
      className: 'whitespace-nowrap',
      cell: (p) =>
        write.allowed && (
          <span className="inline-flex gap-2">
            <Button onClick={() => setEditing(p)}>Edit</Button>
            <ConfirmButton label="Delete" title={`Delete the plan ${p.name}?`} confirmLabel="Delete plan" onConfirm={() => remove.mutateAsync(p.id).catch(() => undefined)}>
              A plan that users are on cannot be deleted. Nothing changes on the gateway.
            </ConfirmButton>
          </span>
        ),
    },
  ];
  return (
    <>
      <PageHeader title="Service plans">
        <Forbidden why={write.why} />
        <Button variant="primary" disabled={!write.allowed} onClick={() => setEditing('new')}>
          New plan
        </Button>
      </PageHeader>
      <DataTable
        columns={columns}
        rows={plans.data?.plans}
        rowKey={(p) => p.id}
        rowTestId={(p) => `plan-${p.name}`}
        state={{ isPending: plans.isPending, error: plans.error, retry: () => plans.refetch() }}
        empty={{ title: 'No plans yet.', hint: 'A plan bundles the quotas and limits you sell; users can be created on one.' }}
      />
      <Dialog open={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? 'New plan' : `Edit ${editing?.name ?? ''}`}>
        <PlanForm plan={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
      </Dialog>
    </>
  );
}
