'use client';

import { useState } from 'react';
import type { PlanStep } from '@/lib/db/schema';
import { usePermission } from '../current-user';
import { Button, Forbidden } from '../ui/button';
import { useUserAction } from '../users/use-user-action';
import { usePlans } from './use-plans';

export interface UserPlanView {
  id: string;
  name: string;
  status: 'applying' | 'applied' | 'incomplete';
  steps: PlanStep[];
  drift: { what: string; plan: string; gateway: string }[];
}

const STEP_LABEL = (step: string) =>
  step === 'user-quota' ? 'User quota' : step === 'user-limits' ? 'User limits' : `Quota of bucket ${step.slice('bucket-quota:'.length)}`;

const STATE_STYLE = { done: 'text-emerald-700', failed: 'text-red-700', pending: 'text-slate-500' };

/** The user's plan: which steps of applying it are done, where the gateway drifted, and how to put it right. */
export function UserPlan({ userId, plan }: { userId: string; plan: UserPlanView | null }) {
  const write = usePermission('plans.write');
  const plans = usePlans();
  const [choice, setChoice] = useState('');
  const assign = useUserAction<{ status: string; plan: { name: string } }>(userId, (r) =>
    r.status === 'applied' ? `Plan ${r.plan.name} applied.` : `Plan ${r.plan.name} was applied only in part: see the steps below.`,
  );
  const apply = useUserAction<{ status: string }>(userId, (r) => (r.status === 'applied' ? 'Plan applied; the gateway matches it.' : 'The plan is still not fully applied.'));
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
            <table className="w-full" data-testid="plan-drift">
              <caption className="mb-1 text-left font-medium text-amber-800">The gateway differs from the plan</caption>
              <thead className="text-left text-xs text-slate-500">
                <tr>
                  <th className="font-medium">Setting</th>
                  <th className="font-medium">Plan</th>
                  <th className="font-medium">Gateway</th>
                </tr>
              </thead>
              <tbody>
                {plan.drift.map((d) => (
                  <tr key={d.what} className="border-t border-slate-100">
                    <td className="py-1">{d.what}</td>
                    <td className="py-1">{d.plan}</td>
                    <td className="py-1">{d.gateway}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="text-slate-600" data-testid="plan-in-sync">
              The gateway matches the plan.
            </p>
          )}
          <div className="flex flex-wrap gap-2">
            {plan.status === 'incomplete' && (
              <Button variant="primary" disabled={!write.allowed || apply.isPending} onClick={() => apply.mutate({ path: `/api/users/${userId}/plan/apply`, method: 'POST', body: { resume: true } })}>
                Finish applying
              </Button>
            )}
            {plan.drift.length > 0 && (
              <Button disabled={!write.allowed || apply.isPending} onClick={() => apply.mutate({ path: `/api/users/${userId}/plan/apply`, method: 'POST', body: { resume: false } })}>
                Re-apply plan
              </Button>
            )}
          </div>
        </>
      ) : (
        <p className="text-slate-600">This user is on no plan.</p>
      )}
      <div className="flex items-center gap-2">
        <select aria-label="Plan" value={choice} onChange={(e) => setChoice(e.target.value)} disabled={!write.allowed} className="rounded-md border border-slate-300 px-2 py-1.5">
          <option value="">{plans.isPending ? 'Loading plans…' : 'Choose a plan'}</option>
          {plans.data?.plans.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <Button disabled={!write.allowed || !choice || assign.isPending} onClick={() => assign.mutate({ path: `/api/users/${userId}/plan`, method: 'PUT', body: { planId: choice } })}>
          {plan ? 'Change plan' : 'Assign plan'}
        </Button>
        <Forbidden why={write.why} />
      </div>
    </div>
  );
}
