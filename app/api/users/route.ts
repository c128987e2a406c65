import { answer } from '@/lib/api/contract';
import { ApiError } from '@/lib/api/errors';
import { body, query, route } from '@/lib/api/handler';
import { refreshParam } from '@/lib/cache/shared-list';
import { db } from '@/lib/db';
import { getUserById } from '@/lib/gateway/users';
import { assignPlan } from '@/lib/plans/for-user';
import { findPlan } from '@/lib/plans/store';
import { usersContract } from '@/lib/users/contract';
import { cachedUserList, invalidateUserList } from '@/lib/users/list-cache';
import { userFacts } from '@/lib/users/facts';
import { recordNewUser } from '@/lib/users/known';
import { queryUsers } from '@/lib/users/list-query';
import { consoleUserId } from '@/lib/users/lookup';
import { createUserOrRecover, RECOVERED } from '@/lib/users/unclear-answers';

const list = usersContract['GET /api/users'];
const create = usersContract['POST /api/users'];
const listQuery = list.query.extend({ refresh: refreshParam });

export const GET = route('users.read', async ({ req }) => {
  const q = query(req, listQuery);
  const [cached, own] = await Promise.all([cachedUserList(q.refresh), consoleUserId()]);
  // Sizes come from the whole-gateway bucket list: waited for when sorting by them, read afresh on Refresh.
  const facts = await userFacts(
    cached.users,
    q.refresh ? 'refresh' : q.sort === 'stored' || q.sort === 'buckets' ? 'wait' : 'peek',
  );
  const page = queryUsers(cached.users, q, facts);
  return answer(list, { ...page, items: page.items.map((u) => ({ ...u, console: u.id === own })), fetchedAt: new Date(cached.fetchedAt).toISOString() });
});

export const POST = route(
  'users.write',
  async ({ req, note, retarget }) => {
    const { email, planId } = await body(req, create.body);
    retarget(`email:${email}`);
    if (planId && !(await findPlan(await db(), planId))) throw new ApiError(422, 'invalid_input', 'There is no such plan.', { planId: 'There is no such plan.' });
    const created = await createUserOrRecover(email);
    await recordNewUser(created.userId);
    await invalidateUserList();
    note(`created user ${created.userId}${created.recovered ? ' (answer recovered by reading the user back)' : ''}`);
    // The user exists from here on; a plan that fails midway is reported, and finished from the user page.
    const plan = planId ? await assignPlan(await getUserById(created.userId), planId) : null;
    return answer(create, {
      user: { id: created.userId, email: created.email },
      keyPair: { accessKeyId: created.pair.AWSAccessKeyId, secretKey: created.pair.AWSSecretAccessKey },
      plan: plan && { plan: plan.plan, status: plan.status },
      ...(created.recovered ? { recovered: RECOVERED } : {}),
    });
  },
  { action: 'user.create', target: () => 'new user' },
);
