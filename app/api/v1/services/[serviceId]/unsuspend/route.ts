import { answer } from '@/lib/api/contract';
import { setSuspended } from '@/lib/services/lifecycle';
import { serviceIdSchema, V1 } from '@/lib/v1/contract';
import { v1Body, v1Param, v1Route } from '@/lib/v1/handler';

type P = { serviceId: string };

export const POST = v1Route<P>(
  V1.unsuspendService,
  async ({ req, params, note }) => {
    const id = v1Param('serviceId', params.serviceId, serviceIdSchema);
    await v1Body(req, V1.unsuspendService.body);
    return answer(V1.unsuspendService, await setSuspended(id, false, null, note));
  },
  { action: 'service.unsuspend', target: (p) => `service:${p.serviceId}` },
);
