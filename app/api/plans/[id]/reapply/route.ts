import { answer } from '@/lib/api/contract';
import { notFound } from '@/lib/api/errors';
import { route } from '@/lib/api/handler';
import { labelAuditTarget } from '@/lib/audit/label';
import { db } from '@/lib/db';
import { jobSystem } from '@/lib/jobs';
import { plansContract } from '@/lib/plans/contract';
import { PLAN_JOBS } from '@/lib/plans/jobs';
import { findPlan, planUsage, requestReapply } from '@/lib/plans/store';

const contract = plansContract['POST /api/plans/:id/reapply'];

/** Applies the plan again to every user on it, as a job: users keep their overrides. */
export const POST = route<{ id: string }>(
  'plans.write',
  async ({ params, user, note }) => {
    const d = await db();
    const plan = await findPlan(d, params.id);
    if (!plan) throw notFound('There is no such plan.');
    labelAuditTarget(plan.name);
    const users = await planUsage(d, plan.id);
    await requestReapply(d, plan.id, user.name);
    const { run } = await (await jobSystem()).run(PLAN_JOBS.apply, 'manual', user.name);
    note(`asked to re-apply ${plan.name} to ${users} user${users === 1 ? '' : 's'}`);
    return answer(contract, { users, job: run });
  },
  { action: 'plan.apply', target: (p) => `plan:${p.id}` },
);
