import { body, route } from '@/lib/api/handler';
import { removeQuota, setQuota } from '@/lib/gateway/quotas';
import { quotaInputSchema } from '@/lib/limits/schema';
import { userOr404 } from '@/lib/users/lookup';

/** 0 removes the user's own quota, so that the default (if any) applies. */
export const PUT = route<{ id: string }>(
  'quotas.write',
  async ({ req, params, note }) => {
    const { gb } = await body(req, quotaInputSchema);
    const info = await userOr404(params.id);
    if (gb === 0) await removeQuota({ emailAddress: info.UserEmail });
    else await setQuota({ emailAddress: info.UserEmail }, gb);
    note(`${gb} GB`);
    return { ownGb: gb };
  },
  { action: 'quota.set', target: (p) => `user:${p.id}` },
);
