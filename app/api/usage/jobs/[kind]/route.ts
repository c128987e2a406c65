import { answer } from '@/lib/api/contract';
import { route } from '@/lib/api/handler';
import { jobSystem } from '@/lib/jobs';
import { jobKind } from '@/lib/usage/answers';
import { usageContract } from '@/lib/usage/contract';

type Params = { kind: string };

/** The last or running collection ("collect") or storage round ("sample"), whichever instance runs it. */
export const GET = route<Params>('usage.read', async ({ params }) =>
  answer(usageContract['GET /api/usage/jobs/:kind'], { job: await (await jobSystem()).latest(jobKind(params.kind)) }),
);

/** Collect now / sample now: starts the job (or joins the one waiting or running) and answers at once. */
export const POST = route<Params>(
  'usage.write',
  async ({ params, user, note }) => {
    const { run, started } = await (await jobSystem()).run(jobKind(params.kind), 'manual', user.name);
    if (!started) note('joined the run already waiting or under way');
    return answer(usageContract['POST /api/usage/jobs/:kind'], { job: run, started });
  },
  { action: 'usage.run', target: (p) => `usage:${p.kind}` },
);
