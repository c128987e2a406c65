import { answer } from '@/lib/api/contract';
import { notFound } from '@/lib/api/errors';
import { body, route } from '@/lib/api/handler';
import { db } from '@/lib/db';
import { plansContract } from '@/lib/plans/contract';
import { assignPlan } from '@/lib/plans/for-user';
import { userPlan } from '@/lib/plans/store';
import { changeableUserOr404 } from '@/lib/users/lookup';

const contract = plansContract['POST /api/users/:id/plan/apply'];

/** Finishes an application that failed midway (`resume`), or re-applies the whole plan to undo drift. */
export const POST = route<{ id: string }>(
  'plans.write',
  async ({ req, params, note }) => {
    const { resume } = await body(req, contract.body);
    const info = await changeableUserOr404(params.id);
    const current = await userPlan(await db(), info.UserId);
    if (!current) throw notFound('This user is on no plan.');
    const result = await assignPlan(info, current.planId, { resume });
    note(`${resume ? 'finished' : 're-applied'} ${result.plan.name}: ${result.status}`);
    return answer(contract, result);
  },
  { action: 'plan.apply', target: (p) => `user:${p.id}` },
);
