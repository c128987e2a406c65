import { unauthenticated } from '@/lib/api/errors';
import { route } from '@/lib/api/handler';
import { listUserBuckets } from '@/lib/gateway/buckets';
import { userOr404 } from '@/lib/users/lookup';
import { userDetail } from '@/lib/users/views';

/** A customer's own S3 user, read with the console's system key; secrets stripped. */
export const GET = route('self.read', async ({ user }) => {
  const info = await userOr404(user.s3UserId ?? '');
  const keys = [...info.AWSAccessKeys, ...info.Accounts.flatMap((a) => a.AWSAccessKeys)].map((k) => k.AWSAccessKeyId);
  // The key the customer signed in with was revoked: that session is over.
  if (!user.accessKeyId || !keys.includes(user.accessKeyId)) throw unauthenticated();
  return userDetail(info, await listUserBuckets(info.UserEmail));
});
