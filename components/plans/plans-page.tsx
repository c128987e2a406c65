'use client';

import { useQuery } from '@/data/cache/hooks';
import { Link } from '../ui/link';
import { useState, type FormEvent } from 'react';
import { ApiClientError } from '@/data/api';
import { useJobRun } from '@/data/jobs';
import { planKeys } from '@/data/plans/keys';
import { useDeletePlan, useReapplyPlan, useReconcilePlans, useSavePlan } from '@/data/plans/mutations';
import { planQueries } from '@/data/plans/queries';
import { userKeys } from '@/data/users/keys';
import { formatNumber, formatWhen } from '@/lib/format';
import { LIMIT_KEYS, LIMIT_LABELS, limitText, quotaText } from '@/lib/limits/labels';
import type { PlanView, PlanWithCounts } from '@/lib/plans/contract';
import { usePermission } from '../current-user';
import { Button } from '../ui/button';
import { ConfirmButton } from '../ui/confirm';
import { DataTable, type Column } from '../ui/data-table';
import { Dialog } from '../ui/dialog';
import { TextField } from '../ui/field';
import { numberField } from '../ui/form-values';
import { PageHeader } from '../ui/states';

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

/** A plan job's run: what it is doing now, or how the last one ended. */
function PlanJob({ kind, title }: { kind: 'apply' | 'reconcile'; title: string }) {
  const { job, running } = useJobRun(planQueries.job(kind), [planKeys.all, userKeys.all]);
  if (!job) return null;
  const p = (job.progress ?? null) as { total?: number; done?: number; failed?: { email: string; error: string }[]; errors?: string[] } | null;
  const failures = p?.failed?.map((f) => `${f.email}: ${f.error}`) ?? p?.errors ?? [];
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid={`plan-job-${kind}`}>
      <p className="font-medium">{title}</p>
      {running ? (
        <>
          <progress className="mt-1 w-full" max={p?.total || 1} value={p?.done ?? 0} aria-label={title} />
          <p className="text-xs text-slate-600">{p?.total ? `${p.done ?? 0} of ${p.total} users` : 'Starting…'}</p>
        </>
      ) : (
        <>
          <p className={job.state === 'done' && failures.length === 0 ? 'text-slate-700' : 'text-red-700'} data-testid="plan-job-result">
            {formatWhen(job.finishedAt)} · {job.message}
          </p>
          {failures.length > 0 && (
            <ul className="mt-1 max-h-28 list-disc overflow-auto pl-5 text-xs text-red-700">
              {failures.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

export function PlansPage() {
  const write = usePermission('plans.write');
  const plans = useQuery(planQueries.list());
  const remove = useDeletePlan();
  const reapply = useReapplyPlan();
  const reconcile = useReconcilePlans();
  const [editing, setEditing] = useState<PlanWithCounts | 'new' | null>(null);
  const columns: Column<PlanWithCounts>[] = [
    {
      id: 'name',
      header: 'Plan',
      sortable: true,
      sortValue: (p) => p.name.toLowerCase(),
      cell: (p) => <span className="font-medium">{p.name}</span>,
    },
    { id: 'userQuota', header: 'User quota', cell: (p) => quotaText(p.userQuotaGb) },
    { id: 'bucketQuota', header: 'Bucket quota', cell: (p) => quotaText(p.bucketQuotaGb) },
    {
      id: 'limits',
      header: 'Limits',
      className: 'text-xs text-slate-600',
      cell: (p) => LIMIT_KEYS.filter((n) => p.limits[n] > 0).map((n) => `${LIMIT_LABELS[n].label} ${limitText(n, p.limits[n])}`).join(' · ') || 'no limits',
    },
    {
      id: 'users',
      header: 'Users',
      align: 'right',
      sortable: true,
      sortValue: (p) => p.users,
      cell: (p) => (
        <span className="whitespace-nowrap">
          <Link href={`/users?plan=${p.id}`} className="text-brand-700 hover:underline" data-testid="plan-users">
            {formatNumber(p.users)}
          </Link>
          {p.drifted > 0 && (
            <Link href={`/users?plan=${p.id}&drift=drifted`} className="ml-2 text-xs text-amber-700 hover:underline" data-testid="plan-drifted">
              {formatNumber(p.drifted)} differ
            </Link>
          )}
        </span>
      ),
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
            {p.users > 0 && (
              <ConfirmButton
                label={p.reapplyPending ? 'Re-applying…' : `Re-apply to ${formatNumber(p.users)} user${p.users === 1 ? '' : 's'}`}
                title={`Re-apply ${p.name} to ${formatNumber(p.users)} user${p.users === 1 ? '' : 's'}?`}
                confirmLabel="Re-apply"
                variant="secondary"
                disabled={p.reapplyPending}
                busy={reapply.isPending}
                onConfirm={() => reapply.start(p.id)}
              >
                <p>
                  Every user on this plan gets its quotas and limits now: {quotaText(p.userQuotaGb)} per user, {quotaText(p.bucketQuotaGb)} per bucket
                  {LIMIT_KEYS.some((n) => p.limits[n] > 0) ? ', and its limits' : ', no limits'}. Values a user keeps as an override stay as they are.
                </p>
                {p.drifted > 0 && <p className="mt-2">{formatNumber(p.drifted)} of them differ from the plan at their last check.</p>}
                <p className="mt-2 text-slate-600">It runs in the background; the result is shown above the list.</p>
              </ConfirmButton>
            )}
            <ConfirmButton
              label="Delete"
              title={`Delete the plan ${p.name}?`}
              confirmLabel="Delete plan"
              disabled={p.users > 0}
              onConfirm={() => remove.mutateAsync(p.id).catch(() => undefined)}
            >
              Nothing changes on the gateway.
            </ConfirmButton>
          </span>
        ),
    },
  ];
  return (
    <>
      <PageHeader title="Service plans">
        <Button disabled={!write.allowed || reconcile.isPending} onClick={reconcile.start}>
          Check all users now
        </Button>
        <Button variant="primary" disabled={!write.allowed} onClick={() => setEditing('new')}>
          New plan
        </Button>
      </PageHeader>
      <p className="mb-4 max-w-3xl text-sm text-slate-600">
        Users on a plan are checked against it every so often and after every storage round: a bucket a customer makes later gets the plan’s bucket quota, and users whose
        settings differ from their plan are counted here and marked in the users list.
      </p>
      <div className="mb-4 grid gap-3 md:grid-cols-2">
        <PlanJob kind="apply" title="Last re-application" />
        <PlanJob kind="reconcile" title="Last check of all users" />
      </div>
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
