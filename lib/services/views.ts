import 'server-only';
import type { Db } from '../db/client';
import type { ServicePurge, ServiceRow } from '../db/schema';
import { listUserBuckets } from '../gateway/buckets';
import { unlessGone } from '../gateway/errors';
import { getUserById } from '../gateway/users';
import { planStatus } from '../plans/for-user';
import { USER_QUOTA } from '../plans/settings';
import { listPlans, userPlansOf, type Plan } from '../plans/store';
import { peekBucketList } from '../buckets/list-cache';
import { lastUpdates } from '../usage/figures';
import { usageOfUsers } from '../usage/invoice';
import { currentMonth } from '../usage/periods';
import { env } from '../config/env';
import { endpoint, gatewayQuotaBytes } from './lifecycle';

/** How the billing API shows services, their usage and their purge jobs. */

export function jobView(row: Pick<ServiceRow, 'serviceId'>, purge: ServicePurge) {
  return {
    id: purge.id,
    kind: 'purge' as const,
    serviceId: row.serviceId,
    state: purge.state,
    bucketsDeleted: purge.bucketsDeleted,
    objectsDeleted: purge.objectsDeleted,
    message: purge.message ?? null,
    requestedAt: purge.requestedAt,
    finishedAt: purge.finishedAt ?? null,
  };
}

export function serviceSummary(row: ServiceRow, names: Map<string, string>) {
  return {
    serviceId: row.serviceId,
    userId: row.userId,
    email: row.email,
    state: row.state,
    suspendedReason: row.suspendedReason,
    plan: names.has(row.planId) ? { id: row.planId, name: names.get(row.planId)! } : null,
    planStatus: 'unknown' as const,
    createdAt: row.createdAt.toISOString(),
    terminatedAt: row.terminatedAt?.toISOString() ?? null,
  };
}

/** Usage lines for a page of services: one pair of queries for the whole page. */
export async function usageLines(database: Db, rows: ServiceRow[], month: string, knownPlans?: Plan[]) {
  const ids = rows.map((r) => r.userId).filter((id): id is string => id !== null);
  const [figures, updated, plans, onPlans] = await Promise.all([usageOfUsers(database, month, ids), lastUpdates(database), knownPlans ?? listPlans(database), userPlansOf(database, ids)]);
  const planById = new Map(plans.map((p) => [p.id, p]));
  const owners = peekBucketList()?.byOwner() ?? null;
  const lines = [];
  for (const row of rows) {
    const f = row.userId ? figures.get(row.userId)! : null;
    const plan = planById.get(row.planId);
    const quotaGb = row.userId ? (onPlans.get(row.userId)?.overrides[USER_QUOTA] ?? plan?.userQuotaGb ?? 0) : 0;
    lines.push({
      serviceId: row.serviceId,
      userId: row.userId,
      email: row.email,
      state: row.state,
      month,
      storageGbMonth: f?.storageGbMonth ?? '0.000000000',
      gbIn: f?.uploadedGb ?? '0.000000000',
      gbOut: f?.downloadedGb ?? '0.000000000',
      requests: f?.requests ?? { put: '0', get: '0', list: '0', other: '0', total: '0' },
      storedBytes: row.state === 'terminated' ? 0 : row.userId && owners ? Number(owners.get(row.userId)?.bytes ?? 0n) : null,
      quotaBytes: row.state === 'terminated' || quotaGb === 0 ? null : quotaGb * 1e9,
      collectedAt: updated.collectedAt,
      sampledAt: updated.sampledAt,
    });
  }
  return lines;
}

/** GET /api/v1/services/{id}: read afresh from the gateway (state, keys, buckets, quota, drift). */
export async function serviceDetail(database: Db, row: ServiceRow) {
  const plans = await listPlans(database);
  const summary = serviceSummary(row, new Map(plans.map((p) => [p.id, p.name])));
  const [usage] = await usageLines(database, [row], currentMonth(), plans);
  const info = row.userId && row.state !== 'terminated' ? await unlessGone(getUserById(row.userId)) : null;
  const where = { endpoint: endpoint(), region: env().GATEWAY_REGION };
  if (!info) return { ...summary, ...where, planStatus: 'unknown' as const, drift: [], quota: null, accessKeyIds: [], buckets: row.state === 'terminated' ? 0 : null, usage };
  const [status, buckets, limit] = await Promise.all([planStatus(info), listUserBuckets(info.UserEmail), gatewayQuotaBytes(info.UserEmail)]);
  const used = Number(buckets.reduce((sum, b) => sum + b.size.current, 0n));
  return {
    ...summary,
    ...where,
    planStatus: status?.status ?? ('unknown' as const),
    drift: (status?.drift ?? []).map((d) => ({ setting: d.what, plan: d.plan, gateway: d.gateway })),
    quota: { limitBytes: limit, usedBytes: used },
    accessKeyIds: info.AWSAccessKeys.map((k) => k.AWSAccessKeyId),
    buckets: buckets.length,
    usage: { ...usage, storedBytes: used },
  };
}
