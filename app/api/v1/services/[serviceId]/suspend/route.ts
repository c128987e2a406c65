import { answer } from '@/lib/api/contract';
import { setSuspended } from '@/lib/services/lifecycle';
import { serviceIdSchema, V1 } from '@/lib/v1/contract';
import { v1Body, v1Param, v1Route } from '@/lib/v1/handler';

type P = { serviceId: string };

export const POST = v1Route<P>(
  V1.suspendService,
  async ({ req, params, note }) => {
    const id = v1Param('serviceId', params.serviceId, serviceIdSchema);
    const { reason } = await v1Body(req, V1.suspendService.body);
    return answer(V1.suspendService, await setSuspended(id, true, reason ?? null, note));
  },
  { action: 'service.suspend', target: (p) => `service:${p.serviceId}` },
);
