import { answer } from '@/lib/api/contract';
import { notFound } from '@/lib/api/errors';
import { route } from '@/lib/api/handler';
import { deleteAccount } from '@/lib/gateway/accounts';
import { usersContract } from '@/lib/users/contract';
import { changeableUserOr404 } from '@/lib/users/lookup';

export const DELETE = route<{ id: string; name: string }>(
  'accounts.write',
  async ({ params }) => {
    const info = await changeableUserOr404(params.id);
    if (!info.Accounts.some((a) => a.Name === params.name)) throw notFound('This user has no such account.');
    await deleteAccount(info.UserEmail, params.name);
    return answer(usersContract['DELETE /api/users/:id/accounts/:name'], { deleted: params.name });
  },
  { action: 'account.delete', target: (p) => `user:${p.id}/account:${p.name}` },
);
