import { z } from 'zod';
import { body, route } from '@/lib/api/handler';
import { assignPlan } from '@/lib/plans/for-user';
import { changeableUserOr404 } from '@/lib/users/lookup';

/** Puts the user on a plan and applies its quotas and limits on the gateway, step by step. */
export const PUT = route<{ id: string }>(
  'plans.write',
  async ({ req, params, note }) => {
    const { planId } = await body(req, z.object({ planId: z.uuid('Choose a plan.') }));
    const info = await changeableUserOr404(params.id);
    const result = await assignPlan(info, planId);
    note(`${result.plan.name}: ${result.status}`);
    return result;
  },
  { action: 'plan.assign', target: (p) => `user:${p.id}` },
);
