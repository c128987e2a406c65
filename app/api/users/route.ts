import { z } from 'zod';
import { body, route } from '@/lib/api/handler';
import { createUser } from '@/lib/gateway/users';
import { cachedUserList, invalidateUserList } from '@/lib/users/list-cache';
import { queryUsers, userListQuerySchema } from '@/lib/users/list-query';
import { emailSchema } from '@/lib/users/views';

export const GET = route('users.read', async ({ req }) => {
  const query = userListQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  const list = await cachedUserList(req.nextUrl.searchParams.get('refresh') === '1');
  return { ...queryUsers(list.users, query), fetchedAt: new Date(list.fetchedAt).toISOString() };
});

export const POST = route(
  'users.write',
  async ({ req, note, retarget }) => {
    const { email } = await body(req, z.object({ email: emailSchema }));
    retarget(`email:${email}`);
    const created = await createUser(email);
    invalidateUserList();
    note(`created user ${created.UserId}`);
    const pair = created.AWSAccessKeys[0];
    return { user: { id: created.UserId, email: created.UserEmail }, keyPair: { accessKeyId: pair.AWSAccessKeyId, secretKey: pair.AWSSecretAccessKey } };
  },
  { action: 'user.create', target: () => 'new user' },
);
