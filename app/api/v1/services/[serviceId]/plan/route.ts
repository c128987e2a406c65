import { answer } from '@/lib/api/contract';
import { changeServicePlan } from '@/lib/services/lifecycle';
import { serviceIdSchema, V1 } from '@/lib/v1/contract';
import { v1Body, v1Param, v1Route } from '@/lib/v1/handler';

type P = { serviceId: string };

export const PUT = v1Route<P>(
  V1.changePlan,
  async ({ req, params, note }) => {
    const id = v1Param('serviceId', params.serviceId, serviceIdSchema);
    const { plan } = await v1Body(req, V1.changePlan.body);
    const result = await changeServicePlan(id, plan);
    note(`plan ${result.plan.name}: ${result.planStatus}`);
    return answer(V1.changePlan, result);
  },
  { action: 'service.plan', target: (p) => `service:${p.serviceId}` },
);
