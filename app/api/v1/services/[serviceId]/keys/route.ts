import { answer } from '@/lib/api/contract';
import { rotateKeys } from '@/lib/services/lifecycle';
import { serviceIdSchema, V1 } from '@/lib/v1/contract';
import { v1Body, v1Param, v1Route } from '@/lib/v1/handler';

type P = { serviceId: string };

export const POST = v1Route<P>(
  V1.rotateKeys,
  async ({ req, params, note }) => {
    const id = v1Param('serviceId', params.serviceId, serviceIdSchema);
    const { revoke } = await v1Body(req, V1.rotateKeys.body);
    return answer(V1.rotateKeys, await rotateKeys(id, revoke ?? null, note));
  },
  { action: 'service.keys', target: (p) => `service:${p.serviceId}` },
);
