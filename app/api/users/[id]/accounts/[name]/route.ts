import { notFound } from '@/lib/api/errors';
import { route } from '@/lib/api/handler';
import { deleteAccount } from '@/lib/gateway/accounts';
import { changeableUserOr404 } from '@/lib/users/lookup';

export const DELETE = route<{ id: string; name: string }>(
  'accounts.write',
  async ({ params }) => {
    const info = await changeableUserOr404(params.id);
    const { name } = params;
    if (!info.Accounts.some((a) => a.Name === name)) throw notFound('This user has no such account.');
    await deleteAccount(info.UserEmail, name);
    return { deleted: name };
  },
  { action: 'account.delete', target: (p) => `user:${p.id}/account:${p.name}` },
);
