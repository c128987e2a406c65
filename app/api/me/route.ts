import { answer } from '@/lib/api/contract';
import { route } from '@/lib/api/handler';
import { listUserBuckets } from '@/lib/gateway/buckets';
import { usersContract } from '@/lib/users/contract';
import { ownUser } from '@/lib/users/own';
import { userDetail } from '@/lib/users/views';

/** A customer's own S3 user, read with the console's system key; secrets stripped. */
export const GET = route('self.read', async ({ user }) => {
  const info = await ownUser(user);
  return answer(usersContract['GET /api/me'], userDetail(info, await listUserBuckets(info.UserEmail)));
});
