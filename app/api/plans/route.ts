import { ApiError } from '@/lib/api/errors';
import { body, route } from '@/lib/api/handler';
import { db } from '@/lib/db';
import { planInputSchema } from '@/lib/plans/schema';
import { createPlan, findPlanByName, listPlans } from '@/lib/plans/store';

export const GET = route('plans.read', async () => ({ plans: await listPlans(await db()) }));

export const POST = route(
  'plans.write',
  async ({ req, retarget }) => {
    const input = await body(req, planInputSchema);
    retarget(`plan:${input.name}`);
    const d = await db();
    if (await findPlanByName(d, input.name)) throw new ApiError(409, 'conflict', `A plan named “${input.name}” already exists.`, { name: 'This name is taken.' });
    return { plan: await createPlan(d, input) };
  },
  { action: 'plan.create', target: () => 'new plan' },
);
