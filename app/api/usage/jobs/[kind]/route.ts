import { route } from '@/lib/api/handler';
import { jobStatus, startJob } from '@/lib/usage/jobs';
import { jobKind } from '@/lib/usage/routes';

type Params = { kind: string };

/** The last or running collection ("collect") or storage round ("sample") of this server. */
export const GET = route<Params>('usage.read', async ({ params }) => ({ job: jobStatus(jobKind(params.kind)) }));

/** Collect now / sample now: starts the job (or joins the running one) and answers at once. */
export const POST = route<Params>(
  'usage.write',
  async ({ params, note }) => {
    const { job, started } = startJob(jobKind(params.kind), 'manual');
    if (!started) note('joined the run already going');
    return { job, started };
  },
  { action: 'usage.run', target: (p) => `usage:${p.kind}` },
);
