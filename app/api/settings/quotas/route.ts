import { answer } from '@/lib/api/contract';
import { body, route } from '@/lib/api/handler';
import { applyQuota, getQuota } from '@/lib/gateway/quotas';
import { limitsContract } from '@/lib/limits/contract';

const read = limitsContract['GET /api/settings/quotas'];
const write = limitsContract['PUT /api/settings/quotas'];

export const GET = route('settings.read', async () => {
  const [user, bucket] = await Promise.all([getQuota({ default: 'user' }), getQuota({ default: 'bucket' })]);
  return answer(read, { userGb: user, bucketGb: bucket });
});

/** Default quotas for every user and every bucket without one of its own; 0 removes the default. */
export const PUT = route(
  'settings.write',
  async ({ req, note }) => {
    const input = await body(req, write.body);
    await applyQuota({ default: 'user' }, input.userGb);
    await applyQuota({ default: 'bucket' }, input.bucketGb);
    note(`user ${input.userGb} GB, bucket ${input.bucketGb} GB`);
    return answer(write, input);
  },
  { action: 'quota.defaults', target: () => 'defaults' },
);
