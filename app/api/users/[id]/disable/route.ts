import { route } from '@/lib/api/handler';
import { setUserState } from '@/lib/gateway/users';
import { invalidateUserList } from '@/lib/users/list-cache';
import { userOr404 } from '@/lib/users/lookup';

export const POST = route<{ id: string }>(
  'users.write',
  async ({ params }) => {
    const info = await userOr404(params.id);
    await setUserState(info.UserEmail, 'disabled');
    invalidateUserList();
    return { state: 'disabled' };
  },
  { action: 'user.disable', target: (p) => `user:${p.id}` },
);
