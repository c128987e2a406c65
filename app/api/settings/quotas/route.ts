import { z } from 'zod';
import { body, route } from '@/lib/api/handler';
import { applyQuota, getQuota } from '@/lib/gateway/quotas';
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
    await applyQuota({ default: 'user' }, input.userGb);
    await applyQuota({ default: 'bucket' }, input.bucketGb);
    note(`user ${input.userGb} GB, bucket ${input.bucketGb} GB`);
    return input;
  },
  { action: 'quota.defaults', target: () => 'defaults' },
);
