import 'server-only';
import type { Db } from '../db/client';
import type { PlanStep } from '../db/schema';
import { GatewayError } from '../gateway/errors';
import { getLimits } from '../gateway/limits';
import { applyQuota, getQuota } from '../gateway/quotas';
import type { GatewayConnection } from '../gateway/request';
import { LIMIT_NAMES, type LimitName } from '../gateway/schemas';
import { applyLimits } from '../limits/apply';
import { saveUserPlan, type Plan } from './store';

export interface PlanTarget {
  userId: string;
  email: string;
  buckets: string[];
}

/** The steps that bring a user to a plan, in order: each sets a desired state, so each is safe to repeat. */
export function planSteps(target: PlanTarget): string[] {
  return ['user-quota', 'user-limits', ...target.buckets.map((b) => `bucket-quota:${b}`)];
}

async function runStep(step: string, plan: Plan, target: PlanTarget, conn?: GatewayConnection): Promise<void> {
  if (step === 'user-quota') {
    await applyQuota({ emailAddress: target.email }, plan.userQuotaGb, conn);
  } else if (step === 'user-limits') {
    const result = await applyLimits({ emailAddress: target.email }, plan.limits, conn);
    if (result.drift.length) throw new GatewayError('refused', `The gateway does not keep these limits: ${result.drift.join(', ')}.`);
  } else if (step.startsWith('bucket-quota:')) {
    await applyQuota({ bucket: step.slice('bucket-quota:'.length) }, plan.bucketQuotaGb, conn);
  }
}

/**
 * Applies a plan step by step, saving progress after each. With `resume`, steps already done are
 * skipped (finishing an application that failed midway); otherwise every step runs again.
 */
export async function applyPlan(db: Db, plan: Plan, target: PlanTarget, previous: PlanStep[] | null, conn?: GatewayConnection) {
  const done = new Set((previous ?? []).filter((s) => s.state === 'done').map((s) => s.step));
  const steps: PlanStep[] = planSteps(target).map((step) => ({ step, state: done.has(step) ? 'done' : 'pending' }));
  await saveUserPlan(db, target.userId, plan.id, 'applying', steps);
  for (const s of steps) {
    if (s.state === 'done') continue;
    try {
      await runStep(s.step, plan, target, conn);
      s.state = 'done';
      await saveUserPlan(db, target.userId, plan.id, 'applying', steps);
    } catch (error) {
      s.state = 'failed';
      s.error = error instanceof Error ? error.message : 'failed';
      await saveUserPlan(db, target.userId, plan.id, 'incomplete', steps);
      return { status: 'incomplete' as const, steps };
    }
  }
  await saveUserPlan(db, target.userId, plan.id, 'applied', steps);
  return { status: 'applied' as const, steps };
}

export interface Drift {
  what: string;
  plan: string;
  gateway: string;
}

/** Where the gateway's values differ from the plan's. */
export async function planDrift(plan: Plan, target: PlanTarget, conn?: GatewayConnection): Promise<Drift[]> {
  const [quota, limits, bucketQuotas] = await Promise.all([
    getQuota({ emailAddress: target.email }, conn),
    getLimits({ emailAddress: target.email }, conn),
    Promise.all(target.buckets.map((b) => getQuota({ bucket: b }, conn))),
  ]);
  const drift: Drift[] = [];
  if (quota !== plan.userQuotaGb) drift.push({ what: 'user quota', plan: `${plan.userQuotaGb} GB`, gateway: `${quota} GB` });
  for (const name of LIMIT_NAMES as readonly LimitName[]) {
    if (limits[name] !== plan.limits[name]) drift.push({ what: `limit ${name}`, plan: String(plan.limits[name]), gateway: String(limits[name]) });
  }
  target.buckets.forEach((b, i) => {
    if (bucketQuotas[i] !== plan.bucketQuotaGb) drift.push({ what: `bucket ${b} quota`, plan: `${plan.bucketQuotaGb} GB`, gateway: `${bucketQuotas[i]} GB` });
  });
  return drift;
}
