import { route } from '@/lib/api/handler';
import { setUserState } from '@/lib/gateway/users';
import { invalidateUserList } from '@/lib/users/list-cache';
import { userOr404 } from '@/lib/users/lookup';

export const POST = route<{ id: string }>(
  'users.write',
  async ({ params }) => {
    const info = await userOr404(params.id);
    await setUserState(info.UserEmail, 'enabled');
    invalidateUserList();
    return { state: 'enabled' };
  },
  { action: 'user.enable', target: (p) => `user:${p.id}` },
);
