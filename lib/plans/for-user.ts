import 'server-only';
import { notFound } from '../api/errors';
import { db } from '../db';
import type { PlanDriftRow } from '../db/schema';
import { listUserBuckets } from '../gateway/buckets';
import type { UserInfo } from '../gateway/schemas';
import { invalidateUserList } from '../users/list-cache';
import { applyPlan, compareSettings, desiredSettings, gatewaySettings, planSettings, type KnownSettings, type PlanTarget } from './apply';
import { settingName, settingText } from './settings';
import { userPlanFacts } from './facts-cache';
import { findPlan, saveDrift, userPlan, type Plan } from './store';

export async function planTarget(info: UserInfo): Promise<PlanTarget> {
  const buckets = await listUserBuckets(info.UserEmail);
  return { userId: info.UserId, email: info.UserEmail, buckets: buckets.map((b) => b.name) };
}

/** Puts a user on a plan (or applies its plan again), reporting each step; the user's overrides on that plan are kept. */
export async function assignPlan(info: UserInfo, planId: string, options: { resume?: boolean } = {}) {
  const d = await db();
  const plan = await findPlan(d, planId);
  if (!plan) throw notFound('There is no such plan.');
  const current = await userPlan(d, info.UserId);
  const samePlan = current?.planId === planId;
  const previous = options.resume && samePlan ? current.steps : null;
  const target = await planTarget(info);
  const result = await applyPlan(d, plan, target, previous, undefined, samePlan ? current.overrides : {});
  // An application that stopped midway says so; the gateway failing again while its drift is read
  // must not turn that answer into an error (the drift is read again on the next check).
  const drift = result.status === 'applied' ? [] : await driftOf(plan, target, samePlan ? current.overrides : {}).catch(() => null);
  if (drift) await saveDrift(d, info.UserId, drift);
  // Lists filtered by plan must see this user, even one created outside the console a moment ago.
  await invalidateUserList();
  return { plan: { id: plan.id, name: plan.name }, ...result };
}

async function driftOf(plan: Plan, target: PlanTarget, overrides: Record<string, number>, known: KnownSettings = {}): Promise<PlanDriftRow[]> {
  return compareSettings(desiredSettings(plan, target, overrides), await gatewaySettings(target, undefined, known));
}

/** Drift lines for people: which setting, what the user should have, what the gateway has. */
export const driftView = (drift: PlanDriftRow[]) =>
  drift.map((d) => ({ key: d.key, what: settingName(d.key), plan: settingText(d.key, d.plan), gateway: settingText(d.key, d.gateway), planValue: d.plan, gatewayValue: d.gateway }));

/**
 * The user's plan, how far applying it got, where the gateway differs from what the user should
 * have now (checked afresh, and kept for the users list), and the settings it keeps as overrides.
 * What the caller has already read of the gateway for this user (`known`: its buckets, limits,
 * quotas) is used instead of reading it again; the drift is written only when it changed.
 */
export async function planStatus(info: UserInfo, known: KnownSettings & { buckets?: string[] } = {}) {
  // From memory, kept current by the database (facts-cache.ts).
  const mine = await userPlanFacts(info.UserId);
  if (!mine) return null;
  const { row: current, plan } = mine;
  const target = known.buckets ? { userId: info.UserId, email: info.UserEmail, buckets: known.buckets } : await planTarget(info);
  const drift = await driftOf(plan, target, current.overrides, known);
  if (JSON.stringify(drift) !== JSON.stringify(current.drift)) await saveDrift(await db(), info.UserId, drift);
  const planValues = planSettings(plan, target);
  const overrides = Object.entries(current.overrides)
    .filter(([key]) => planValues.has(key))
    .map(([key, value]) => ({ key, what: settingName(key), plan: settingText(key, planValues.get(key)!), value: settingText(key, value), planValue: planValues.get(key)!, overrideValue: value }));
  const status = current.status === 'applied' && drift.length > 0 ? ('drifted' as const) : current.status;
  return { id: plan.id, name: plan.name, status, steps: current.steps, drift: driftView(drift), overrides, checkedAt: new Date().toISOString() };
}
