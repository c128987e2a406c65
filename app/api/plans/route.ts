import { answer } from '@/lib/api/contract';
import { ApiError } from '@/lib/api/errors';
import { body, route } from '@/lib/api/handler';
import { db } from '@/lib/db';
import { plansContract } from '@/lib/plans/contract';
import { createPlan, findPlanByName, listPlans } from '@/lib/plans/store';

const list = plansContract['GET /api/plans'];
const create = plansContract['POST /api/plans'];

export const GET = route('plans.read', async () => answer(list, { plans: await listPlans(await db()) }));

export const POST = route(
  'plans.write',
  async ({ req, retarget }) => {
    const input = await body(req, create.body);
    retarget(`plan:${input.name}`);
    const d = await db();
    if (await findPlanByName(d, input.name)) throw new ApiError(409, 'conflict', `A plan named “${input.name}” already exists.`, { name: 'This name is taken.' });
    return answer(create, { plan: await createPlan(d, input) });
  },
  { action: 'plan.create', target: () => 'new plan' },
);
