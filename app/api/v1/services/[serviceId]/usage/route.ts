import { answer } from '@/lib/api/contract';
import { db } from '@/lib/db';
import { serviceOr404 } from '@/lib/services/lifecycle';
import { usageLines } from '@/lib/services/views';
import { serviceIdSchema, V1 } from '@/lib/v1/contract';
import { v1Param, v1Query, v1Route } from '@/lib/v1/handler';

type P = { serviceId: string };

export const GET = v1Route<P>(V1.serviceUsage, async ({ req, params }) => {
  const { month } = v1Query(req, V1.serviceUsage.query);
  const row = await serviceOr404(v1Param('serviceId', params.serviceId, serviceIdSchema));
  const [line] = await usageLines(await db(), [row], month);
  return answer(V1.serviceUsage, line);
});
