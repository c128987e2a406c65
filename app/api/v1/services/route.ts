import { answer } from '@/lib/api/contract';
import { ApiError } from '@/lib/api/errors';
import { db } from '@/lib/db';
import { listPlans } from '@/lib/plans/store';
import { createService } from '@/lib/services/lifecycle';
import { servicePage } from '@/lib/services/store';
import { serviceSummary } from '@/lib/services/views';
import { V1 } from '@/lib/v1/contract';
import { v1Body, v1Query, v1Route } from '@/lib/v1/handler';

export const GET = v1Route(V1.listServices, async ({ req }) => {
  const q = v1Query(req, V1.listServices.query);
  const database = await db();
  const [page, plans] = await Promise.all([servicePage(database, q.cursor, q.limit), listPlans(database)]);
  const names = new Map(plans.map((p) => [p.id, p.name]));
  return answer(V1.listServices, { items: page.rows.map((r) => serviceSummary(r, names)), next: page.next });
});

export const POST = v1Route(
  V1.createService,
  async ({ req, token, note, retarget }) => {
    const key = req.headers.get('idempotency-key');
    if (key !== null && !/^[\x21-\x7e]{1,200}$/.test(key)) {
      throw new ApiError(422, 'invalid_input', 'An Idempotency-Key is 1 to 200 printable characters.', { 'Idempotency-Key': 'Not a valid key.' });
    }
    const input = await v1Body(req, V1.createService.body);
    retarget(`service:${input.serviceId}`);
    return answer(V1.createService, await createService(input, token, key, note));
  },
  { action: 'service.create', target: () => 'new service' },
);
