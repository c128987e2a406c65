import { answer } from '@/lib/api/contract';
import { body, route } from '@/lib/api/handler';
import { plansContract } from '@/lib/plans/contract';
import { assignPlan } from '@/lib/plans/for-user';
import { changeableUserOr404 } from '@/lib/users/lookup';

const contract = plansContract['PUT /api/users/:id/plan'];

/** Puts the user on a plan and applies its quotas and limits on the gateway, step by step. */
export const PUT = route<{ id: string }>(
  'plans.write',
  async ({ req, params, note }) => {
    const { planId } = await body(req, contract.body);
    const info = await changeableUserOr404(params.id);
    const result = await assignPlan(info, planId);
    note(`${result.plan.name}: ${result.status}`);
    return answer(contract, result);
  },
  { action: 'plan.assign', target: (p) => `user:${p.id}` },
);
