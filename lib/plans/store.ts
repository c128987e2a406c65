import 'server-only';
import { and, asc, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import { forgetHere } from '../cache/invalidation';
import type { Db } from '../db/client';
import { plans, userPlans, type PlanDriftRow, type PlanRow, type PlanStep, type UserPlanRow } from '../db/schema';
import type { Limits } from '../gateway/schemas';
import type { PlanInput } from './schema';

export interface Plan {
  id: string;
  name: string;
  userQuotaGb: number;
  bucketQuotaGb: number;
  limits: Limits;
}

export function toPlan(r: PlanRow): Plan {
  return {
    id: r.id,
    name: r.name,
    userQuotaGb: r.userQuotaGb,
    bucketQuotaGb: r.bucketQuotaGb,
    limits: { default: r.opsDefault, get: r.opsGet, put: r.opsPut, list: r.opsList, delete: r.opsDelete, out: r.bandwidthOut },
  };
}

const columns = (input: PlanInput) => ({
  name: input.name,
  userQuotaGb: input.userQuotaGb,
  bucketQuotaGb: input.bucketQuotaGb,
  opsDefault: input.limits.default,
  opsGet: input.limits.get,
  opsPut: input.limits.put,
  opsList: input.limits.list,
  opsDelete: input.limits.delete,
  bandwidthOut: input.limits.out,
});

/**
 * Plans and who is on which are kept in memory for the users list (facts-cache.ts): every write
 * here forgets that copy at once in this instance; a trigger tells the others (and this one again
 * once a transaction commits).
 */
const changed = () => forgetHere('plans');

export async function listPlans(db: Db): Promise<Plan[]> {
  return (await db.select().from(plans).orderBy(asc(plans.name))).map(toPlan);
}

export async function findPlan(db: Db, id: string): Promise<Plan | undefined> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
  const [row] = await db.select().from(plans).where(eq(plans.id, id));
  return row && toPlan(row);
}

export async function findPlanByName(db: Db, name: string): Promise<Plan | undefined> {
  const [row] = await db.select().from(plans).where(eq(plans.name, name));
  return row && toPlan(row);
}

export async function createPlan(db: Db, input: PlanInput): Promise<Plan> {
  const [row] = await db.insert(plans).values(columns(input)).returning();
  changed();
  return toPlan(row);
}

export async function updatePlan(db: Db, id: string, input: PlanInput): Promise<Plan | undefined> {
  const [row] = await db.update(plans).set(columns(input)).where(eq(plans.id, id)).returning();
  changed();
  return row && toPlan(row);
}

export async function planUsage(db: Db, planId: string): Promise<number> {
  return (await db.select({ userId: userPlans.userId }).from(userPlans).where(eq(userPlans.planId, planId))).length;
}

export async function deletePlan(db: Db, id: string): Promise<void> {
  await db.delete(plans).where(eq(plans.id, id));
  changed();
}

export async function userPlan(db: Db, userId: string) {
  const [row] = await db.select().from(userPlans).where(eq(userPlans.userId, userId));
  return row;
}

export async function usersOnPlan(db: Db, planId: string): Promise<Set<string>> {
  return new Set((await db.select({ userId: userPlans.userId }).from(userPlans).where(eq(userPlans.planId, planId))).map((r) => r.userId));
}

/**
 * Records progress after every step, so a failure (or a crash) midway shows what is done. A user
 * moved to another plan leaves its overrides (and its last drift check) behind with the old one.
 */
export async function saveUserPlan(db: Db, userId: string, planId: string, status: 'applying' | 'applied' | 'incomplete', steps: PlanStep[]) {
  await db
    .insert(userPlans)
    .values({ userId, planId, status, steps, updatedAt: new Date() })
    .onConflictDoUpdate({
      target: userPlans.userId,
      set: {
        planId,
        status,
        steps,
        updatedAt: new Date(),
        overrides: sql`case when ${userPlans.planId} = ${planId} then ${userPlans.overrides} else '{}'::jsonb end`,
        drift: sql`case when ${userPlans.planId} = ${planId} then ${userPlans.drift} else null end`,
        checkedAt: sql`case when ${userPlans.planId} = ${planId} then ${userPlans.checkedAt} else null end`,
      },
    });
  changed();
}

/** Keeps `value` for one setting of this user instead of the plan's (null: follow the plan again). */
export async function setOverride(db: Db, userId: string, key: string, value: number | null): Promise<Record<string, number>> {
  const current = await userPlan(db, userId);
  const overrides = { ...(current?.overrides ?? {}) };
  if (value === null) delete overrides[key];
  else overrides[key] = value;
  await db.update(userPlans).set({ overrides }).where(eq(userPlans.userId, userId));
  changed();
  return overrides;
}

/** The drift found by the last check, for lists and counts (the user's page checks afresh). */
export async function saveDrift(db: Db, userId: string, drift: PlanDriftRow[]): Promise<void> {
  await db.update(userPlans).set({ drift, checkedAt: new Date() }).where(eq(userPlans.userId, userId));
  changed();
}

export async function listUserPlans(db: Db): Promise<UserPlanRow[]> {
  return db.select().from(userPlans);
}

/** Users on the plan are unchecked again (after the plan changed). */
export async function forgetDrift(db: Db, planId: string): Promise<void> {
  await db.update(userPlans).set({ drift: null, checkedAt: null }).where(eq(userPlans.planId, planId));
  changed();
}

/** Per plan: how many users are on it, and how many of those differed from it at their last check. */
export async function planCounts(db: Db): Promise<Map<string, { users: number; drifted: number }>> {
  const rows = await db
    .select({
      planId: userPlans.planId,
      users: sql<number>`count(*)::int`,
      drifted: sql<number>`(count(*) filter (where jsonb_array_length(coalesce(${userPlans.drift}, '[]'::jsonb)) > 0 or ${userPlans.status} <> 'applied'))::int`,
    })
    .from(userPlans)
    .groupBy(userPlans.planId);
  return new Map(rows.map((r) => [r.planId, { users: r.users, drifted: r.drifted }]));
}

/** Asks for the plan to be applied again to every user on it (by the `plans.apply` job). */
export async function requestReapply(db: Db, planId: string, by: string): Promise<void> {
  await db.update(plans).set({ reapplyRequestedAt: new Date(), reapplyRequestedBy: by }).where(eq(plans.id, planId));
}

export async function plansToReapply(db: Db): Promise<(Plan & { requestedAt: Date; requestedBy: string })[]> {
  const rows = await db.select().from(plans).where(isNotNull(plans.reapplyRequestedAt));
  return rows.map((r) => ({ ...toPlan(r), requestedAt: r.reapplyRequestedAt!, requestedBy: r.reapplyRequestedBy ?? 'an admin' }));
}

/** Done with a request: unless another came in meanwhile. */
export async function clearReapply(db: Db, planId: string, requestedAt: Date): Promise<void> {
  await db.update(plans).set({ reapplyRequestedAt: null, reapplyRequestedBy: null }).where(and(eq(plans.id, planId), lte(plans.reapplyRequestedAt, requestedAt)));
}

export async function removeUserPlans(db: Db, userIds: string[]): Promise<void> {
  if (userIds.length) await db.delete(userPlans).where(inArray(userPlans.userId, userIds));
  changed();
}

/** The plan rows of the listed users, by user id. */
export async function userPlansOf(db: Db, userIds: readonly string[]): Promise<Map<string, UserPlanRow>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.select().from(userPlans).where(inArray(userPlans.userId, [...userIds]));
  return new Map(rows.map((r) => [r.userId, r]));
}
