'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useApplyPlan, useAssignPlan } from '@/data/plans/mutations';
import { planQueries } from '@/data/plans/queries';
import type { UserPlanView } from '@/lib/plans/contract';
import { usePermission } from '../current-user';
import { Button, Forbidden } from '../ui/button';
import { DataTable } from '../ui/data-table';
import { CONTROL } from '../ui/field';

const STEP_LABEL = (step: string) =>
  step === 'user-quota' ? 'User quota' : step === 'user-limits' ? 'User limits' : `Quota of bucket ${step.slice('bucket-quota:'.length)}`;

const STATE_STYLE = { done: 'text-emerald-700', failed: 'text-red-700', pending: 'text-slate-500' };

/** The user's plan: which steps of applying it are done, where the gateway drifted, and how to put it right. */
export function UserPlan({ userId, plan }: { userId: string; plan: UserPlanView | null }) {
  const write = usePermission('plans.write');
  const plans = useQuery(planQueries.list());
  const [choice, setChoice] = useState('');
  const assign = useAssignPlan(userId);
  const apply = useApplyPlan(userId);
  return (
    <div className="space-y-4 text-sm">
      {plan ? (
        <>
          <p>
            On plan <strong data-testid="plan-name">{plan.name}</strong> ·{' '}
            <span data-testid="plan-status" className={plan.status === 'applied' ? 'text-emerald-700' : 'text-amber-700'}>
              {plan.status === 'applied' ? 'applied' : plan.status === 'incomplete' ? 'not fully applied' : 'being applied'}
            </span>
          </p>
          {plan.status !== 'applied' && (
            <ol className="space-y-1" data-testid="plan-steps">
              {plan.steps.map((s) => (
                <li key={s.step} className={STATE_STYLE[s.state]}>
                  {STEP_LABEL(s.step)}: {s.state}
                  {s.error && <span className="text-slate-600"> — {s.error}</span>}
                </li>
              ))}
            </ol>
          )}
          {plan.drift.length > 0 ? (
            <div data-testid="plan-drift">
              <p className="mb-1 font-medium text-amber-800">The gateway differs from the plan</p>
              <DataTable
                compact
                rows={plan.drift}
                rowKey={(d) => d.what}
                empty={{ title: '' }}
                columns={[
                  { id: 'what', header: 'Setting', cell: (d) => d.what },
                  { id: 'plan', header: 'Plan', cell: (d) => d.plan },
                  { id: 'gateway', header: 'Gateway', cell: (d) => d.gateway },
                ]}
              />
            </div>
          ) : (
            <p className="text-slate-600" data-testid="plan-in-sync">
              The gateway matches the plan.
            </p>
          )}
          <div className="flex flex-wrap gap-2">
            {plan.status === 'incomplete' && (
              <Button variant="primary" disabled={!write.allowed || apply.isPending} onClick={() => apply.mutate(true)}>
                Finish applying
              </Button>
            )}
            {plan.drift.length > 0 && (
              <Button disabled={!write.allowed || apply.isPending} onClick={() => apply.mutate(false)}>
                Re-apply plan
              </Button>
            )}
          </div>
        </>
      ) : (
        <p className="text-slate-600">This user is on no plan.</p>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <select aria-label="Plan" value={choice} onChange={(e) => setChoice(e.target.value)} disabled={!write.allowed} className={`${CONTROL}`}>
          <option value="">{plans.isPending ? 'Loading plans…' : 'Choose a plan'}</option>
          {plans.data?.plans.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <Button disabled={!write.allowed || !choice || assign.isPending} onClick={() => assign.mutate(choice)}>
          {plan ? 'Change plan' : 'Assign plan'}
        </Button>
        <Forbidden why={write.why} />
      </div>
    </div>
  );
}
