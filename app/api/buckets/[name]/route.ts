import { answer } from '@/lib/api/contract';
import { ApiError } from '@/lib/api/errors';
import { body, route } from '@/lib/api/handler';
import { bucketsContract } from '@/lib/buckets/contract';
import { invalidateBucketList } from '@/lib/buckets/list-cache';
import { bucketOr404, isBucketName } from '@/lib/buckets/lookup';
import { deleteBucket } from '@/lib/gateway/buckets';
import { limitsAndQuota } from '@/lib/limits/views';
import { askEmails, cachedUserList, emailsById } from '@/lib/users/list-cache';

type P = { name: string };
const detail = bucketsContract['GET /api/buckets/:name'];
const remove = bucketsContract['DELETE /api/buckets/:name'];

export const GET = route<P>('buckets.read', async ({ params }) => {
  // The bucket's limits and quotas are asked alongside the bucket itself (the name is all they need); a missing bucket is a 404 first.
  const early = isBucketName(params.name) ? limitsAndQuota({ bucket: params.name }, { bucket: params.name }, 'bucket') : null;
  early?.catch(() => undefined);
  const bucket = await bucketOr404(params.name);
  const [settings, users] = await Promise.all([early!, cachedUserList()]);
  const email = emailsById(users.users).get(bucket.owner_id) ?? (await askEmails([bucket.owner_id])).get(bucket.owner_id) ?? null;
  return answer(detail, {
    name: bucket.name,
    epoch: bucket.epoch,
    createdAt: bucket.creation_date,
    owner: { id: bucket.owner_id, email },
    size: { current: bucket.size.current.toString(), hmax: bucket.size.hmax.toString(), hIntegral: bucket.size.h_integral.toString(), lastTs: bucket.size.last_ts },
    ...settings,
  });
});

/** Deleting asks for the bucket's name typed again; the gateway itself refuses a bucket that holds objects. */
export const DELETE = route<P>(
  'buckets.write',
  async ({ req, params }) => {
    const { confirm } = await body(req, remove.body);
    if (confirm !== params.name) throw new ApiError(422, 'invalid_input', 'Type the bucket’s name exactly to confirm.', { confirm: 'Type the bucket’s name exactly to confirm.' });
    await bucketOr404(params.name);
    await deleteBucket(params.name);
    await invalidateBucketList();
    return answer(remove, { deleted: params.name });
  },
  { action: 'bucket.delete', target: (p) => `bucket:${p.name}` },
);
