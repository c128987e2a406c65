import { answer } from '@/lib/api/contract';
import { db } from '@/lib/db';
import { jobSystem } from '@/lib/jobs';
import { serviceOr404, terminateEmpty } from '@/lib/services/lifecycle';
import { PURGE_JOB, requestPurge } from '@/lib/services/purge';
import { jobView, serviceDetail } from '@/lib/services/views';
import { serviceIdSchema, V1 } from '@/lib/v1/contract';
import { v1Param, v1Query, v1Route } from '@/lib/v1/handler';

type P = { serviceId: string };
const target = (p: P) => `service:${p.serviceId}`;

export const GET = v1Route<P>(V1.getService, async ({ params }) => {
  const row = await serviceOr404(v1Param('serviceId', params.serviceId, serviceIdSchema));
  return answer(V1.getService, await serviceDetail(await db(), row));
});

export const DELETE = v1Route<P>(
  V1.terminateService,
  async ({ req, params, token, note }) => {
    const { purge } = v1Query(req, V1.terminateService.query);
    const row = await serviceOr404(v1Param('serviceId', params.serviceId, serviceIdSchema));
    const view = (r: typeof row) => ({ serviceId: r.serviceId, state: r.state, terminatedAt: r.terminatedAt?.toISOString() ?? null });
    if (row.state === 'terminated') {
      note('already terminated');
      return answer(V1.terminateService, { service: view(row), job: row.purge ? jobView(row, row.purge) : null });
    }
    if (purge === 'true') {
      const database = await db();
      const job = await requestPurge(database, row, `API token ${token.name}`);
      await (await jobSystem()).run(PURGE_JOB, 'api', `API token ${token.name}`);
      note(`purge ${job.id} started`);
      const after = (await serviceOr404(row.serviceId))!;
      return answer(V1.terminateService, { service: view(after), job: jobView(after, after.purge ?? job) });
    }
    if (row.state === 'terminating') {
      return answer(V1.terminateService, { service: view(row), job: row.purge ? jobView(row, row.purge) : null });
    }
    const done = await terminateEmpty(row, note);
    return answer(V1.terminateService, { service: view(done), job: null });
  },
  { action: 'service.terminate', target },
);
