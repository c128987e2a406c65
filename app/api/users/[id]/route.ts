import { answer } from '@/lib/api/contract';
import { ApiError } from '@/lib/api/errors';
import { route } from '@/lib/api/handler';
import { db } from '@/lib/db';
import { listUserBuckets } from '@/lib/gateway/buckets';
import { deleteUser } from '@/lib/gateway/users';
import { limitsAndQuota } from '@/lib/limits/views';
import { planStatus } from '@/lib/plans/for-user';
import { removeUserPlans } from '@/lib/plans/store';
import { usersContract } from '@/lib/users/contract';
import { invalidateUserList } from '@/lib/users/list-cache';
import { changeableUserOr404, emailSeenFor, userOr404 } from '@/lib/users/lookup';
import { userDetail } from '@/lib/users/views';

type P = { id: string };

export const GET = route<P>('users.read', async ({ params }) => {
  const reads = (email: string) => Promise.all([listUserBuckets(email), limitsAndQuota({ emailAddress: email }, { emailAddress: email }, 'user')]);
  // A user seen before: what needs the email is asked alongside the user itself, and kept only if the user's answer confirms the email.
  const guess = emailSeenFor(params.id);
  const early = guess ? reads(guess) : null;
  early?.catch(() => undefined);
  const info = await userOr404(params.id);
  const [buckets, settings] = early && info.UserEmail === guess ? await early : await reads(info.UserEmail);
  // The plan check compares with what was just read: only the buckets' own quotas are read for it.
  const plan = await planStatus(info, { buckets: buckets.map((b) => b.name), limits: settings.limits, quotaGb: settings.quota.ownGb });
  return answer(usersContract['GET /api/users/:id'], { ...userDetail(info, buckets), ...settings, plan });
});

export const DELETE = route<P>(
  'users.write',
  async ({ params, note }) => {
    const info = await changeableUserOr404(params.id);
    const buckets = await listUserBuckets(info.UserEmail);
    if (buckets.length > 0) {
      throw new ApiError(409, 'user_has_buckets', `This user still owns ${buckets.length} bucket(s): ${buckets.slice(0, 5).map((b) => b.name).join(', ')}${buckets.length > 5 ? ', …' : ''}. Delete the buckets first, then the user.`);
    }
    await deleteUser(info.UserEmail);
    await removeUserPlans(await db(), [info.UserId]);
    await invalidateUserList();
    note(`deleted ${info.UserEmail}`);
    return answer(usersContract['DELETE /api/users/:id'], { deleted: true });
  },
  { action: 'user.delete', target: (p) => `user:${p.id}` },
);
