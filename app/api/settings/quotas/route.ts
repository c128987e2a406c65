import { z } from 'zod';
import { body, route } from '@/lib/api/handler';
import { getQuota, removeQuota, setQuota } from '@/lib/gateway/quotas';
import { quotaInputSchema } from '@/lib/limits/schema';

export const GET = route('settings.read', async () => {
  const [user, bucket] = await Promise.all([getQuota({ default: 'user' }), getQuota({ default: 'bucket' })]);
  return { userGb: user, bucketGb: bucket };
});

/** Default quotas for every user and every bucket without one of its own; 0 removes the default. */
export const PUT = route(
  'settings.write',
  async ({ req, note }) => {
    const input = await body(req, z.object({ userGb: quotaInputSchema.shape.gb, bucketGb: quotaInputSchema.shape.gb }));
    for (const [kind, gb] of [['user', input.userGb], ['bucket', input.bucketGb]] as const) {
      if (gb === 0) await removeQuota({ default: kind });
      else await setQuota({ default: kind }, gb);
    }
    note(`user ${input.userGb} GB, bucket ${input.bucketGb} GB`);
    return input;
  },
  { action: 'quota.defaults', target: () => 'defaults' },
);
