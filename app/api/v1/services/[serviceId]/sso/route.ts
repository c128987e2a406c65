import { answer } from '@/lib/api/contract';
import { ApiError } from '@/lib/api/errors';
import { db } from '@/lib/db';
import { serviceOr404 } from '@/lib/services/lifecycle';
import { createSsoTicket } from '@/lib/services/sso';
import { serviceIdSchema, V1 } from '@/lib/v1/contract';
import { v1Body, v1Param, v1Route } from '@/lib/v1/handler';

type P = { serviceId: string };

export const POST = v1Route<P>(
  V1.sso,
  async ({ req, params }) => {
    const row = await serviceOr404(v1Param('serviceId', params.serviceId, serviceIdSchema));
    await v1Body(req, V1.sso.body);
    if (!row.userId || (row.state !== 'active' && row.state !== 'suspended')) {
      throw new ApiError(409, 'service_not_active', `The service “${row.serviceId}” is ${row.state}: its customer cannot sign in.`);
    }
    return answer(V1.sso, await createSsoTicket(await db(), row));
  },
  { action: 'service.sso', target: (p) => `service:${p.serviceId}` },
);
