import 'server-only';
import { getLimits, type LimitTarget } from '../gateway/limits';
import { getQuota, type QuotaTarget } from '../gateway/quotas';

/** Limits and quota of a user or bucket, with the default quota that applies when it has none. */
export async function limitsAndQuota(limitTarget: LimitTarget, quotaTarget: QuotaTarget, kind: 'user' | 'bucket') {
  const [limits, quotaGb, defaultQuotaGb] = await Promise.all([
    getLimits(limitTarget),
    getQuota(quotaTarget),
    getQuota({ default: kind }),
  ]);
  return { limits, quota: { ownGb: quotaGb, defaultGb: defaultQuotaGb, effectiveGb: quotaGb || defaultQuotaGb } };
}
