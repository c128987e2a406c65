import 'server-only';
import { answer } from '../api/contract';
import { route } from '../api/handler';
import { setUserState } from '../gateway/users';
import { usersContract } from './contract';
import { invalidateUserList } from './list-cache';
import { changeableUserOr404 } from './lookup';

/** POST /api/users/[id]/enable and …/disable: one handler, two states. */
export function userStateRoute(state: 'enabled' | 'disabled') {
  return route<{ id: string }>(
    'users.write',
    async ({ params }) => {
      const info = await changeableUserOr404(params.id);
      await setUserState(info.UserEmail, state);
      await invalidateUserList();
      return state === 'enabled' ? answer(usersContract['POST /api/users/:id/enable'], { state }) : answer(usersContract['POST /api/users/:id/disable'], { state });
    },
    { action: state === 'enabled' ? 'user.enable' : 'user.disable', target: (p) => `user:${p.id}` },
  );
}
