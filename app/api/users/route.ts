import { z } from 'zod';
import { body, query, route } from '@/lib/api/handler';
import { refreshParam } from '@/lib/cache/shared-list';
import { ApiError } from '@/lib/api/errors';
import { db } from '@/lib/db';
import { getUserById } from '@/lib/gateway/users';
import { createUserOrRecover, RECOVERED } from '@/lib/users/unclear-answers';
import { assignPlan } from '@/lib/plans/for-user';
import { findPlan, usersOnPlan } from '@/lib/plans/store';
import { cachedUserList, invalidateUserList } from '@/lib/users/list-cache';
import { consoleUserId } from '@/lib/users/lookup';
import { queryUsers, userListQuerySchema } from '@/lib/users/list-query';
import { emailSchema } from '@/lib/users/views';

export const GET = route('users.read', async ({ req }) => {
  const q = query(req, userListQuerySchema.extend({ refresh: refreshParam }));
  const [list, own] = await Promise.all([cachedUserList(q.refresh), consoleUserId()]);
  const onPlan = q.plan ? await usersOnPlan(await db(), q.plan) : null;
  const users = onPlan ? list.users.filter((u) => onPlan.has(u.UserId)) : list.users;
  const page = queryUsers(users, q);
  return { ...page, items: page.items.map((u) => ({ ...u, console: u.id === own })), fetchedAt: new Date(list.fetchedAt).toISOString() };
});

export const POST = route(
  'users.write',
  async ({ req, note, retarget }) => {
    const { email, planId } = await body(req, z.object({ email: emailSchema, planId: z.uuid('Choose a plan.').nullish() }));
    retarget(`email:${email}`);
    if (planId && !(await findPlan(await db(), planId))) throw new ApiError(422, 'invalid_input', 'There is no such plan.', { planId: 'There is no such plan.' });
    const created = await createUserOrRecover(email);
    await invalidateUserList();
    note(`created user ${created.userId}${created.recovered ? ' (answer recovered by reading the user back)' : ''}`);
    // The user exists from here on; a plan that fails midway is reported, and finished from the user page.
    const plan = planId ? await assignPlan(await getUserById(created.userId), planId) : null;
    return {
      user: { id: created.userId, email: created.email },
      keyPair: { accessKeyId: created.pair.AWSAccessKeyId, secretKey: created.pair.AWSSecretAccessKey },
      plan,
      ...(created.recovered ? { recovered: RECOVERED } : {}),
    };
  },
  { action: 'user.create', target: () => 'new user' },
);
