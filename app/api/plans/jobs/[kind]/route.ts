import { answer } from '@/lib/api/contract';
import { ApiError } from '@/lib/api/errors';
import { route } from '@/lib/api/handler';
import { jobSystem } from '@/lib/jobs';
import { plansContract } from '@/lib/plans/contract';
import { PLAN_JOBS } from '@/lib/plans/jobs';

type Params = { kind: string };

function planJob(kind: string) {
  if (kind === 'apply' || kind === 'reconcile') return PLAN_JOBS[kind];
  throw new ApiError(404, 'not_found', 'There is no such plan job: it is "apply" or "reconcile".');
}

export const GET = route<Params>('plans.read', async ({ params }) => answer(plansContract['GET /api/plans/jobs/:kind'], { job: await (await jobSystem()).latest(planJob(params.kind)) }));

/** Check every user on a plan now: new buckets get the plan's quota, drift is brought up to date. */
export const POST = route<Params>(
  'plans.write',
  async ({ params, user, note }) => {
    if (planJob(params.kind) === PLAN_JOBS.apply) throw new ApiError(409, 'conflict', 'A re-application is asked for per plan: use “Re-apply” on the plan.');
    const { run, started } = await (await jobSystem()).run(PLAN_JOBS.reconcile, 'manual', user.name);
    if (!started) note('joined the run already waiting or under way');
    return answer(plansContract['POST /api/plans/jobs/:kind'], { job: run, started });
  },
  { action: 'plan.reconcile', target: () => 'plans' },
);
