import 'server-only';
import { notFound } from '../api/errors';
import { db } from '../db';
import { listUserBuckets } from '../gateway/buckets';
import type { UserInfo } from '../gateway/schemas';
import { invalidateUserList } from '../users/list-cache';
import { applyPlan, planDrift, type PlanTarget } from './apply';
import { findPlan, userPlan } from './store';

export async function planTarget(info: UserInfo): Promise<PlanTarget> {
  const buckets = await listUserBuckets(info.UserEmail);
  return { userId: info.UserId, email: info.UserEmail, buckets: buckets.map((b) => b.name) };
}

/** Puts a user on a plan (or applies its plan again), reporting each step. */
export async function assignPlan(info: UserInfo, planId: string, options: { resume?: boolean } = {}) {
  const d = await db();
  const plan = await findPlan(d, planId);
  if (!plan) throw notFound('There is no such plan.');
  const current = await userPlan(d, info.UserId);
  const previous = options.resume && current?.planId === planId ? current.steps : null;
  const result = await applyPlan(d, plan, await planTarget(info), previous);
  // Lists filtered by plan must see this user, even one created outside the console a moment ago.
  await invalidateUserList();
  return { plan: { id: plan.id, name: plan.name }, ...result };
}

/** The user's plan, how far applying it got, and where the gateway differs from it now. */
export async function planStatus(info: UserInfo) {
  const d = await db();
  const current = await userPlan(d, info.UserId);
  if (!current) return null;
  const plan = await findPlan(d, current.planId);
  if (!plan) return null;
  const drift = await planDrift(plan, await planTarget(info));
  return { id: plan.id, name: plan.name, status: current.status, steps: current.steps, drift };
}
