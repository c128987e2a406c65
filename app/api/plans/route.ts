import { answer } from '@/lib/api/contract';
import { ApiError } from '@/lib/api/errors';
import { body, route } from '@/lib/api/handler';
import { db } from '@/lib/db';
import { plansContract } from '@/lib/plans/contract';
import { createPlan, findPlanByName, listPlans, planCounts, plansToReapply } from '@/lib/plans/store';

const list = plansContract['GET /api/plans'];
const create = plansContract['POST /api/plans'];

export const GET = route('plans.read', async () => {
  const d = await db();
  const [all, counts, pending] = await Promise.all([listPlans(d), planCounts(d), plansToReapply(d)]);
  const waiting = new Set(pending.map((p) => p.id));
  return answer(list, { plans: all.map((p) => ({ ...p, users: counts.get(p.id)?.users ?? 0, drifted: counts.get(p.id)?.drifted ?? 0, reapplyPending: waiting.has(p.id) })) });
});

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
