import 'server-only';
import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { plans, userPlans, type PlanRow, type PlanStep } from '../db/schema';
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
  return toPlan(row);
}

export async function updatePlan(db: Db, id: string, input: PlanInput): Promise<Plan | undefined> {
  const [row] = await db.update(plans).set(columns(input)).where(eq(plans.id, id)).returning();
  return row && toPlan(row);
}

export async function planUsage(db: Db, planId: string): Promise<number> {
  return (await db.select({ userId: userPlans.userId }).from(userPlans).where(eq(userPlans.planId, planId))).length;
}

export async function deletePlan(db: Db, id: string): Promise<void> {
  await db.delete(plans).where(eq(plans.id, id));
}

export async function userPlan(db: Db, userId: string) {
  const [row] = await db.select().from(userPlans).where(eq(userPlans.userId, userId));
  return row;
}

export async function usersOnPlan(db: Db, planId: string): Promise<Set<string>> {
  return new Set((await db.select({ userId: userPlans.userId }).from(userPlans).where(eq(userPlans.planId, planId))).map((r) => r.userId));
}

/** Records progress after every step, so a failure (or a crash) midway shows what is done. */
export async function saveUserPlan(db: Db, userId: string, planId: string, status: 'applying' | 'applied' | 'incomplete', steps: PlanStep[]) {
  await db
    .insert(userPlans)
    .values({ userId, planId, status, steps, updatedAt: new Date() })
    .onConflictDoUpdate({ target: userPlans.userId, set: { planId, status, steps, updatedAt: new Date() } });
}

export async function removeUserPlans(db: Db, userIds: string[]): Promise<void> {
  if (userIds.length) await db.delete(userPlans).where(inArray(userPlans.userId, userIds));
}
