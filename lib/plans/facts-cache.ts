import 'server-only';
import { invalidationsArrive, onInvalidate } from '../cache/invalidation';
import { keptPerKey } from '../cache/kept';
import { db } from '../db';
import type { UserPlanRow } from '../db/schema';
import { findPlan, listPlans, listUserPlans, userPlan, type Plan } from './store';

/**
 * The plans and who is on which, as the users list shows them beside each user: read on every
 * list request before, kept in memory now while the database tells this instance of every change
 * (a trigger on both tables notifies every instance, whoever made the change; migration 0010).
 * When that news cannot arrive (the listening connection is down, or was never started), every
 * request reads the database, as before.
 */
export interface PlanFacts {
  plans: Plan[];
  onPlans: UserPlanRow[];
  /** The same, looked up by plan id and by user id. */
  planById: Map<string, Plan>;
  byUser: Map<string, UserPlanRow>;
}

/** A bound on any news missed for a reason nobody foresaw. */
export const PLAN_FACTS_TTL_MS = 60_000;

type Entry = { at: number; facts: Promise<PlanFacts>; settled?: PlanFacts };
const holder = globalThis as unknown as { staasPlanFacts?: { entry: Entry | null } };
const state = (holder.staasPlanFacts ??= { entry: null });

async function read(): Promise<PlanFacts> {
  const d = await db();
  const [plans, onPlans] = await Promise.all([listPlans(d), listUserPlans(d)]);
  return { plans, onPlans, planById: new Map(plans.map((p) => [p.id, p])), byUser: new Map(onPlans.map((r) => [r.userId, r])) };
}

export function planFacts(): Promise<PlanFacts> {
  if (!invalidationsArrive()) return read();
  const hit = state.entry;
  if (hit && Date.now() - hit.at < PLAN_FACTS_TTL_MS) return hit.facts;
  const entry: Entry = {
    at: Date.now(),
    facts: read().then(
      (facts) => (entry.settled = facts),
      (error: unknown) => {
        if (state.entry === entry) state.entry = null;
        throw error;
      },
    ),
  };
  state.entry = entry;
  return entry.facts;
}

/**
 * The facts if they are in memory and current, else null: for a caller that needs one user's row
 * and would rather read that row than have the whole table read for it.
 */
export function planFactsInMemory(): PlanFacts | null {
  const hit = state.entry;
  return invalidationsArrive() && hit?.settled && Date.now() - hit.at < PLAN_FACTS_TTL_MS ? hit.settled : null;
}

/** One user's place on a plan: the row and the plan it names. */
export interface UserPlanFacts {
  row: UserPlanRow;
  plan: Plan;
}

/** A user's place on a plan as a set of facts holds it, or null when the user is on none. */
export function userPlanIn(facts: PlanFacts, userId: string): UserPlanFacts | null {
  const row = facts.byUser.get(userId);
  const plan = row && facts.planById.get(row.planId);
  return row && plan ? { row, plan } : null;
}

/** Users whose plan is kept one by one at most (the oldest read goes first). */
export const ONE_USER_LIMIT = 10_000;

async function readOne(userId: string): Promise<UserPlanFacts | null> {
  const d = await db();
  const row = await userPlan(d, userId);
  const plan = row && (await findPlan(d, row.planId));
  return row && plan ? { row, plan } : null;
}

const oneByOne = keptPerKey('user-plans', { ttlMs: PLAN_FACTS_TTL_MS, limit: ONE_USER_LIMIT, read: readOne });

/**
 * One user's plan, or null when the user is on none: from the facts when they are in memory, else
 * kept for this user alone on the same terms (while news arrives, for as long, forgotten with
 * them), so that a user's page asked again does not read the database again.
 */
export function userPlanFacts(userId: string): Promise<UserPlanFacts | null> {
  const facts = planFactsInMemory();
  return facts ? Promise.resolve(userPlanIn(facts, userId)) : oneByOne.get(userId);
}

onInvalidate((topic) => {
  if (topic === '*' || topic === 'plans') {
    state.entry = null;
    oneByOne.clear();
  }
});
