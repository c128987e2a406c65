'use client';

import { useQuery } from '@/data/cache/hooks';
import { useState } from 'react';
import { useApplyPlan, useAssignPlan, useSetOverride } from '@/data/plans/mutations';
import { planQueries } from '@/data/plans/queries';
import type { UserPlanView } from '@/lib/plans/contract';
import { settingName } from '@/lib/plans/settings';
import { usePermission } from '../current-user';
import { Button } from '../ui/button';
import { ConfirmButton } from '../ui/confirm';
import { DataTable } from '../ui/data-table';
import { CONTROL } from '../ui/field';

const STEP_NAME = (step: string) => (step === 'user-limits' ? 'User limits' : settingName(step));
const STEP_STATE = { done: 'done', failed: 'failed', pending: 'not yet' };
const STATE_STYLE = { done: 'text-emerald-700', failed: 'text-red-700', pending: 'text-slate-500' };

const STATUS: Record<UserPlanView['status'], { text: string; style: string }> = {
  applied: { text: 'applied: the gateway matches it', style: 'text-emerald-700' },
  drifted: { text: 'the gateway differs from it', style: 'text-amber-700' },
  incomplete: { text: 'not fully applied', style: 'text-red-700' },
  applying: { text: 'being applied', style: 'text-slate-600' },
};

type Drift = UserPlanView['drift'][number];

/**
 * The user's plan: which steps of applying it are done, where the gateway differs from what the
 * user should have, the settings it keeps as overrides, and how to put it right — saying what
 * re-applying will change before it does.
 */
export function UserPlan({ userId, plan }: { userId: string; plan: UserPlanView | null }) {
  const write = usePermission('plans.write');
  const plans = useQuery(planQueries.list());
  const [choice, setChoice] = useState('');
  const assign = useAssignPlan(userId);
  const apply = useApplyPlan(userId);
  const override = useSetOverride(userId);
  return (
    <div className="space-y-4 text-sm">
      {plan ? (
        <>
          <p>
            On plan <strong data-testid="plan-name">{plan.name}</strong> ·{' '}
            <span data-testid="plan-status" className={STATUS[plan.status].style}>
              {STATUS[plan.status].text}
            </span>
          </p>
          {(plan.status === 'incomplete' || plan.status === 'applying') && (
            <ol className="space-y-1" data-testid="plan-steps">
              {plan.steps.map((s) => (
                <li key={s.step} className={STATE_STYLE[s.state]}>
                  {STEP_NAME(s.step)}: {STEP_STATE[s.state]}
                  {s.error && <span className="text-slate-600"> — {s.error}</span>}
                </li>
              ))}
            </ol>
          )}
          {plan.drift.length > 0 ? (
            <div data-testid="plan-drift">
              <p className="mb-1 font-medium text-amber-800">The gateway differs from the plan</p>
              <DataTable<Drift>
                compact
                rows={plan.drift}
                rowKey={(d) => d.key}
                rowTestId="drift-row"
                empty={{ title: '' }}
                columns={[
                  { id: 'what', header: 'Setting', cell: (d) => d.what },
                  { id: 'plan', header: 'The plan says', cell: (d) => d.plan },
                  { id: 'gateway', header: 'The gateway has', cell: (d) => d.gateway },
                  {
                    id: 'keep',
                    header: <span className="sr-only">Keep</span>,
                    cell: (d) =>
                      write.allowed && (
                        <Button variant="ghost" disabled={override.isPending} onClick={() => override.mutate({ key: d.key, value: d.gatewayValue })}>
                          Keep {d.gateway} for this user
                        </Button>
                      ),
                  },
                ]}
              />
            </div>
          ) : (
            plan.status === 'applied' && (
              <p className="text-slate-600" data-testid="plan-in-sync">
                The gateway matches the plan{plan.overrides.length ? ' and this user’s overrides' : ''}.
              </p>
            )
          )}
          {plan.overrides.length > 0 && (
            <div data-testid="plan-overrides">
              <p className="mb-1 font-medium">Kept for this user instead of the plan’s</p>
              <ul className="space-y-1">
                {plan.overrides.map((o) => (
                  <li key={o.key} className="flex flex-wrap items-center gap-2" data-testid="override-row">
                    <span>
                      {o.what}: <strong>{o.value}</strong> <span className="text-slate-500">(the plan says {o.plan})</span>
                    </span>
                    {write.allowed && (
                      <Button variant="ghost" disabled={override.isPending} onClick={() => override.mutate({ key: o.key, value: null })}>
                        Follow the plan
                      </Button>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <div className="flex flex-wrap gap-2">
            {plan.status === 'incomplete' && (
              <Button variant="primary" disabled={!write.allowed || apply.isPending} onClick={() => apply.mutate(true)}>
                Finish applying
              </Button>
            )}
            {plan.drift.length > 0 && (
              <ConfirmButton
                label="Re-apply plan"
                title={`Re-apply ${plan.name}?`}
                confirmLabel="Re-apply plan"
                variant="secondary"
                disabled={!write.allowed}
                busy={apply.isPending}
                onConfirm={() => apply.mutateAsync(false).catch(() => undefined)}
              >
                <p>Re-applying changes on the gateway:</p>
                <ul className="mt-2 list-disc space-y-1 pl-5" data-testid="reapply-changes">
                  {plan.drift.map((d) => (
                    <li key={d.key}>
                      {d.what}: {d.gateway} → <strong>{d.plan}</strong>
                    </li>
                  ))}
                </ul>
                {plan.overrides.length > 0 && <p className="mt-2 text-slate-600">This user’s overrides stay as they are.</p>}
                <p className="mt-2 text-slate-600">To keep one of these values instead, choose “Keep … for this user” on its line first.</p>
              </ConfirmButton>
            )}
          </div>
        </>
      ) : (
        <p className="text-slate-600">This user is on no plan.</p>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <select aria-label="Plan" value={choice} onChange={(e) => setChoice(e.target.value)} disabled={!write.allowed} className={CONTROL}>
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
      </div>
    </div>
  );
}
