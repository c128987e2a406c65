import 'server-only';
import type { Db } from '../db/client';
import type { PlanDriftRow, PlanStep } from '../db/schema';
import { GatewayError } from '../gateway/errors';
import { getLimits } from '../gateway/limits';
import { applyQuota, getQuota } from '../gateway/quotas';
import type { GatewayConnection } from '../gateway/request';
import { LIMIT_NAMES, type LimitName, type Limits } from '../gateway/schemas';
import { applyLimits } from '../limits/apply';
import { bucketOf, bucketQuotaSetting, limitSetting, USER_QUOTA } from './settings';
import { saveUserPlan, type Plan } from './store';
import { errorWords } from '../db/error-words';

export interface PlanTarget {
  userId: string;
  email: string;
  buckets: string[];
}

/** What a user should have, setting by setting: the plan's values, or the user's overrides where it keeps one. */
export function desiredSettings(plan: Plan, target: PlanTarget, overrides: Record<string, number> = {}): Map<string, number> {
  const want = new Map<string, number>([[USER_QUOTA, plan.userQuotaGb]]);
  for (const name of LIMIT_NAMES as readonly LimitName[]) want.set(limitSetting(name), plan.limits[name]);
  for (const b of target.buckets) want.set(bucketQuotaSetting(b), plan.bucketQuotaGb);
  for (const [key, value] of Object.entries(overrides)) if (want.has(key)) want.set(key, value);
  return want;
}

/** The plan's own value of each setting (ignoring overrides). */
export const planSettings = (plan: Plan, target: PlanTarget) => desiredSettings(plan, target);

/** The steps that bring a user to a plan, in order: each sets a desired state, so each is safe to repeat. */
export function planSteps(target: PlanTarget): string[] {
  return ['user-quota', 'user-limits', ...target.buckets.map((b) => bucketQuotaSetting(b))];
}

async function runStep(step: string, want: Map<string, number>, target: PlanTarget, conn?: GatewayConnection): Promise<void> {
  if (step === USER_QUOTA) {
    await applyQuota({ emailAddress: target.email }, want.get(USER_QUOTA)!, conn);
  } else if (step === 'user-limits') {
    const limits = Object.fromEntries((LIMIT_NAMES as readonly LimitName[]).map((n) => [n, want.get(limitSetting(n))!])) as Limits;
    const result = await applyLimits({ emailAddress: target.email }, limits, conn);
    if (result.drift.length) throw new GatewayError('refused', `The gateway does not keep these limits: ${result.drift.join(', ')}.`);
  } else {
    const bucket = bucketOf(step);
    if (bucket) await applyQuota({ bucket }, want.get(step)!, conn);
  }
}

/**
 * Applies a plan step by step, saving progress after each. With `previous`, steps already done
 * are skipped (finishing an application that failed midway); otherwise every step runs again.
 * The user's overrides are kept: a setting it overrides is set to the override, not the plan.
 */
export async function applyPlan(db: Db, plan: Plan, target: PlanTarget, previous: PlanStep[] | null, conn?: GatewayConnection, overrides: Record<string, number> = {}) {
  const want = desiredSettings(plan, target, overrides);
  const done = new Set((previous ?? []).filter((s) => s.state === 'done').map((s) => s.step));
  const steps: PlanStep[] = planSteps(target).map((step) => ({ step, state: done.has(step) ? 'done' : 'pending' }));
  await saveUserPlan(db, target.userId, plan.id, 'applying', steps);
  for (const s of steps) {
    if (s.state === 'done') continue;
    try {
      await runStep(s.step, want, target, conn);
      s.state = 'done';
      await saveUserPlan(db, target.userId, plan.id, 'applying', steps);
    } catch (error) {
      s.state = 'failed';
      s.error = errorWords(error);
      await saveUserPlan(db, target.userId, plan.id, 'incomplete', steps);
      return { status: 'incomplete' as const, steps };
    }
  }
  await saveUserPlan(db, target.userId, plan.id, 'applied', steps);
  return { status: 'applied' as const, steps };
}

/** The gateway's current value of every setting a plan decides for this user. */
/** What a caller has already read of the gateway for a user, so that a plan check does not read it again. */
export interface KnownSettings {
  limits?: Limits;
  /** The user's own quota in GB (0: none of its own). */
  quotaGb?: number;
  /** Bucket name → its own quota in GB. */
  bucketQuotas?: Map<string, number>;
}

export async function gatewaySettings(target: PlanTarget, conn?: GatewayConnection, known: KnownSettings = {}): Promise<Map<string, number>> {
  const [quota, limits, bucketQuotas] = await Promise.all([
    known.quotaGb ?? getQuota({ emailAddress: target.email }, conn),
    known.limits ?? getLimits({ emailAddress: target.email }, conn),
    Promise.all(target.buckets.map((b) => known.bucketQuotas?.get(b) ?? getQuota({ bucket: b }, conn))),
  ]);
  const have = new Map<string, number>([[USER_QUOTA, quota]]);
  for (const name of LIMIT_NAMES as readonly LimitName[]) have.set(limitSetting(name), limits[name]);
  target.buckets.forEach((b, i) => have.set(bucketQuotaSetting(b), bucketQuotas[i]));
  return have;
}

/** Where the gateway differs from what the user should have (the plan, with its overrides). */
export function compareSettings(want: Map<string, number>, have: Map<string, number>): PlanDriftRow[] {
  const drift: PlanDriftRow[] = [];
  for (const [key, value] of want) {
    const actual = have.get(key);
    if (actual !== undefined && actual !== value) drift.push({ key, plan: value, gateway: actual });
  }
  return drift;
}

export async function planDrift(plan: Plan, target: PlanTarget, conn?: GatewayConnection, overrides: Record<string, number> = {}): Promise<PlanDriftRow[]> {
  return compareSettings(desiredSettings(plan, target, overrides), await gatewaySettings(target, conn));
}
