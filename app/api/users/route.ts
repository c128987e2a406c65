import { z } from 'zod';
import { body, route } from '@/lib/api/handler';
import { ApiError } from '@/lib/api/errors';
import { db } from '@/lib/db';
import { createUser, getUserById } from '@/lib/gateway/users';
import { assignPlan } from '@/lib/plans/for-user';
import { findPlan, usersOnPlan } from '@/lib/plans/store';
import { cachedUserList, invalidateUserList } from '@/lib/users/list-cache';
import { queryUsers, userListQuerySchema } from '@/lib/users/list-query';
import { emailSchema } from '@/lib/users/views';

export const GET = route('users.read', async ({ req }) => {
  const query = userListQuerySchema.parse(Object.fromEntries([...req.nextUrl.searchParams].filter(([, v]) => v !== '')));
  const list = await cachedUserList(req.nextUrl.searchParams.get('refresh') === '1');
  const onPlan = query.plan ? await usersOnPlan(await db(), query.plan) : null;
  const users = onPlan ? list.users.filter((u) => onPlan.has(u.UserId)) : list.users;
  return { ...queryUsers(users, query), fetchedAt: new Date(list.fetchedAt).toISOString() };
});

export const POST = route(
  'users.write',
  async ({ req, note, retarget }) => {
    const { email, planId } = await body(req, z.object({ email: emailSchema, planId: z.uuid('Choose a plan.').nullish() }));
    retarget(`email:${email}`);
    if (planId && !(await findPlan(await db(), planId))) throw new ApiError(422, 'invalid_input', 'There is no such plan.', { planId: 'There is no such plan.' });
    const created = await createUser(email);
    invalidateUserList();
    note(`created user ${created.UserId}`);
    const pair = created.AWSAccessKeys[0];
    // The user exists from here on; a plan that fails midway is reported, and finished from the user page.
    const plan = planId ? await assignPlan(await getUserById(created.UserId), planId) : null;
    return {
      user: { id: created.UserId, email: created.UserEmail },
      keyPair: { accessKeyId: pair.AWSAccessKeyId, secretKey: pair.AWSSecretAccessKey },
      plan,
    };
  },
  { action: 'user.create', target: () => 'new user' },
);
