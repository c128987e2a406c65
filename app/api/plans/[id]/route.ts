import { answer } from '@/lib/api/contract';
import { ApiError, notFound } from '@/lib/api/errors';
import { body, route } from '@/lib/api/handler';
import { db } from '@/lib/db';
import { plansContract } from '@/lib/plans/contract';
import { labelAuditTarget } from '@/lib/audit/label';
import { deletePlan, findPlan, findPlanByName, forgetDrift, planUsage, updatePlan } from '@/lib/plans/store';

type P = { id: string };
const update = plansContract['PUT /api/plans/:id'];
const remove = plansContract['DELETE /api/plans/:id'];

/** Changing a plan does not touch the gateway: users on it show drift until the plan is re-applied. */
export const PUT = route<P>(
  'plans.write',
  async ({ req, params }) => {
    const input = await body(req, update.body);
    const d = await db();
    if (!(await findPlan(d, params.id))) throw notFound('There is no such plan.');
    const other = await findPlanByName(d, input.name);
    if (other && other.id !== params.id) throw new ApiError(409, 'conflict', `A plan named “${input.name}” already exists.`, { name: 'This name is taken.' });
    labelAuditTarget(input.name);
    const plan = (await updatePlan(d, params.id, input))!;
    // What users on it should have has changed: their last check says nothing now.
    await forgetDrift(d, params.id);
    return answer(update, { plan });
  },
  { action: 'plan.update', target: (p) => `plan:${p.id}` },
);

export const DELETE = route<P>(
  'plans.write',
  async ({ params }) => {
    const d = await db();
    if (!(await findPlan(d, params.id))) throw notFound('There is no such plan.');
    const users = await planUsage(d, params.id);
    if (users > 0) throw new ApiError(409, 'conflict', `${users} user(s) are on this plan. Move them to another plan first.`);
    await deletePlan(d, params.id);
    return answer(remove, { deleted: params.id });
  },
  { action: 'plan.delete', target: (p) => `plan:${p.id}` },
);
