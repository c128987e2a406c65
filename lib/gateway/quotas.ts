import 'server-only';
import { gatewayJson, gatewayRequest, type GatewayConnection } from './request';
import { quotaSchema } from './schemas';

/** `ostor-quotas` in GB (0 = unlimited) for a user, a bucket, or the defaults. */
export type QuotaTarget = { emailAddress: string } | { bucket: string } | { default: 'user' | 'bucket' };

const targetParam = (t: QuotaTarget): [string, string] =>
  'emailAddress' in t ? ['emailAddress', t.emailAddress] : 'bucket' in t ? ['bucket', t.bucket] : ['default', t.default];

export const getQuota = async (target: QuotaTarget, conn?: GatewayConnection) =>
  (await gatewayJson({ method: 'GET', service: 'ostor-quotas', params: [targetParam(target)], retry: true }, (v) => quotaSchema.parse(v), conn)).size;

/** Sets a quota; 0 is an explicit "unlimited" that also overrides a default quota. */
export const setQuota = (target: QuotaTarget, gb: number, conn?: GatewayConnection) =>
  gatewayRequest({ method: 'PUT', service: 'ostor-quotas', params: [targetParam(target), ['quota-size', String(gb)]], retry: true }, conn);

/** Removes a quota: a user or bucket then falls back to the default quota. */
export const removeQuota = (target: QuotaTarget, conn?: GatewayConnection) =>
  gatewayRequest({ method: 'DELETE', service: 'ostor-quotas', params: [targetParam(target)], retry: true }, conn);

/**
 * The console's meaning of a quota in GB: 0 is "none of its own" and removes the quota, so that a
 * default applies (or, for the defaults themselves, no default); anything else sets it.
 */
export async function applyQuota(target: QuotaTarget, gb: number, conn?: GatewayConnection): Promise<void> {
  if (gb === 0) await removeQuota(target, conn);
  else await setQuota(target, gb, conn);
}
