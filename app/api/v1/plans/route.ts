import { answer } from '@/lib/api/contract';
import { db } from '@/lib/db';
import { listPlans } from '@/lib/plans/store';
import { V1 } from '@/lib/v1/contract';
import { v1Route } from '@/lib/v1/handler';

export const GET = v1Route(V1.listPlans, async () =>
  answer(V1.listPlans, { items: (await listPlans(await db())).map((p) => ({ id: p.id, name: p.name, userQuotaGb: p.userQuotaGb, bucketQuotaGb: p.bucketQuotaGb, limits: p.limits })) }),
);
