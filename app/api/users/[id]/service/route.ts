import { answer } from '@/lib/api/contract';
import { notFound } from '@/lib/api/errors';
import { route } from '@/lib/api/handler';
import { tokensContract } from '@/lib/api-tokens/contract';
import { db } from '@/lib/db';
import { deleteService, serviceOfUser } from '@/lib/services/store';
import { userOr404 } from '@/lib/users/lookup';

type P = { id: string };

export const GET = route<P>('services.read', async ({ params }) => {
  const info = await userOr404(params.id);
  const row = await serviceOfUser(await db(), info.UserId);
  return answer(tokensContract['GET /api/users/:id/service'], {
    service: row
      ? { serviceId: row.serviceId, state: row.state, tokenName: row.tokenName, createdAt: row.createdAt.toISOString(), adopted: row.adopted, suspendedReason: row.suspendedReason }
      : null,
  });
});

/** Unbinds the user from its billing system's service: the user stays; the billing system's calls for that service answer 404. */
export const DELETE = route<P>(
  'services.write',
  async ({ params, note }) => {
    const info = await userOr404(params.id);
    const database = await db();
    const row = await serviceOfUser(database, info.UserId);
    if (!row) throw notFound('This user is not bound to a billing system’s service.');
    await deleteService(database, row.serviceId);
    note(`unbound service ${row.serviceId} (created by API token ${row.tokenName})`);
    return answer(tokensContract['DELETE /api/users/:id/service'], { unbound: row.serviceId });
  },
  { action: 'service.unbind', target: (p) => `user:${p.id}` },
);
