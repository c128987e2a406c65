import { body, route } from '@/lib/api/handler';
import { bucketOr404 } from '@/lib/buckets/lookup';
import { removeQuota, setQuota } from '@/lib/gateway/quotas';
import { quotaInputSchema } from '@/lib/limits/schema';

/** 0 removes the bucket's own quota, so that the default bucket quota (if any) applies. */
export const PUT = route<{ name: string }>(
  'quotas.write',
  async ({ req, params, note }) => {
    const { gb } = await body(req, quotaInputSchema);
    const bucket = await bucketOr404(params.name);
    if (gb === 0) await removeQuota({ bucket: bucket.name });
    else await setQuota({ bucket: bucket.name }, gb);
    note(`${gb} GB`);
    return { ownGb: gb };
  },
  { action: 'quota.set', target: (p) => `bucket:${p.name}` },
);
