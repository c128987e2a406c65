import 'server-only';
import crypto from 'node:crypto';
import { writeAudit } from '../audit/log';
import type { Db } from '../db/client';
import type { PlanStep } from '../db/schema';
import { listBucketSummaries } from '../gateway/buckets';
import { applyQuota } from '../gateway/quotas';
import { getUserById, listUsers } from '../gateway/users';
import type { JobDefinition } from '../jobs/system';
import { invalidateUserList } from '../users/list-cache';
import { compareSettings, desiredSettings, gatewaySettings, type PlanTarget } from './apply';
import { assignPlan } from './for-user';
import { bucketOf, bucketQuotaSetting, settingText } from './settings';
import { clearReapply, listPlans, listUserPlans, plansToReapply, saveDrift, saveUserPlan, type Plan } from './store';
import { errorWords } from '../db/error-words';

/**
 * The plan jobs. `plans.reconcile` keeps plans true over time: customers create buckets through
 * S3, behind the console's back, so every user on a plan is looked at on a schedule (and after
 * every storage round) — a bucket the plan has not covered yet gets the plan's bucket quota
 * (audited), and each user's drift is checked and kept for the users list. `plans.apply` applies
 * a plan again to every user on it, when an admin asks after changing the plan.
 */
export const PLAN_JOBS = { reconcile: 'plans.reconcile', apply: 'plans.apply' } as const;

export interface ReconcileProgress {
  total: number;
  done: number;
  /** Buckets that got the plan's quota in this run. */
  covered: number;
  drifted: number;
  errors: string[];
}

interface Row {
  userId: string;
  planId: string;
  status: 'applying' | 'applied' | 'incomplete';
  steps: PlanStep[];
  overrides: Record<string, number>;
}

/** Where a user stands against its plan now; bucket steps follow the buckets the user owns. */
async function reconcileUser(db: Db, row: Row, plan: Plan, target: PlanTarget) {
  const want = desiredSettings(plan, target, row.overrides);
  const covered = new Set(row.steps.map((s) => s.step));
  const added: string[] = [];
  for (const bucket of target.buckets) {
    const key = bucketQuotaSetting(bucket);
    if (covered.has(key)) continue;
    await applyQuota({ bucket }, want.get(key)!);
    added.push(bucket);
    await writeAudit({
      actor: { system: true, name: 'plan reconciliation' },
      action: 'plan.reconcile',
      target: `user:${target.userId}`,
      targetLabel: target.email,
      outcome: 'ok',
      detail: `new bucket ${bucket}: quota ${settingText(key, want.get(key)!)}, as plan ${plan.name} says`,
      requestId: crypto.randomUUID(),
    });
  }
  const owned = new Set(target.buckets);
  const kept = row.steps.filter((s) => {
    const bucket = bucketOf(s.step);
    return bucket === null || owned.has(bucket);
  });
  const steps = [...kept, ...added.map((b): PlanStep => ({ step: bucketQuotaSetting(b), state: 'done' }))];
  if (added.length || kept.length !== row.steps.length) await saveUserPlan(db, row.userId, row.planId, row.status === 'applying' ? 'incomplete' : row.status, steps);
  const drift = compareSettings(want, await gatewaySettings(target));
  await saveDrift(db, row.userId, drift);
  return { covered: added.length, drifted: drift.length > 0 };
}

/** The names of the buckets each user owns, kept as the gateway's list arrives (nothing else of a bucket is kept). */
function bucketNamesByOwner() {
  const owned = new Map<string, string[]>();
  return {
    add(b: { owner_id: string; name: string }) {
      const names = owned.get(b.owner_id);
      if (names) names.push(b.name);
      else owned.set(b.owner_id, [b.name]);
    },
    result: () => owned,
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const reconcileJob: JobDefinition = {
  kind: PLAN_JOBS.reconcile,
  async work({ database, report, signal }) {
    const db = database.db;
    const [plans, rows] = await Promise.all([listPlans(db), listUserPlans(db)]);
    if (rows.length === 0) return { state: 'done', message: 'No user is on a plan.' };
    const [users, owned] = await Promise.all([listUsers(), listBucketSummaries(bucketNamesByOwner)]);
    const emails = new Map(users.map((u) => [u.UserId, u.UserEmail]));
    const byId = new Map(plans.map((p) => [p.id, p]));
    const progress: ReconcileProgress = { total: rows.length, done: 0, covered: 0, drifted: 0, errors: [] };
    for (const row of rows) {
      if (signal.aborted) return { state: 'interrupted', message: `Stopped with the console after ${progress.done} of ${progress.total} users; the next run carries on.`, progress };
      const plan = byId.get(row.planId);
      const email = emails.get(row.userId);
      if (plan && email) {
        try {
          const result = await reconcileUser(db, row, plan, { userId: row.userId, email, buckets: owned.get(row.userId) ?? [] });
          progress.covered += result.covered;
          progress.drifted += result.drifted ? 1 : 0;
        } catch (error) {
          progress.errors.push(`${email}: ${errorWords(error)}`);
        }
      }
      progress.done += 1;
      report({ ...progress });
    }
    if (progress.covered) await invalidateUserList();
    const message =
      `${plural(progress.total, 'user')} on plans checked: ${plural(progress.covered, 'new bucket')} given the plan's quota, ` +
      `${progress.drifted} differ${progress.drifted === 1 ? 's' : ''} from the plan` +
      (progress.errors.length ? `; ${progress.errors.length} could not be checked` : '');
    return { state: 'done', message, progress: { ...progress, errors: progress.errors.slice(0, 50) }, errors: progress.errors.slice(0, 50) };
  },
};

export interface ApplyProgress {
  total: number;
  done: number;
  applied: number;
  failed: { email: string; error: string }[];
}

export const applyJob: JobDefinition = {
  kind: PLAN_JOBS.apply,
  async work({ database, report, signal }) {
    const db = database.db;
    const requests = await plansToReapply(db);
    const rows = await listUserPlans(db);
    const todo = requests.flatMap((plan) => rows.filter((r) => r.planId === plan.id).map((r) => ({ plan, userId: r.userId })));
    const progress: ApplyProgress = { total: todo.length, done: 0, applied: 0, failed: [] };
    const shown = () => ({ ...progress, failed: progress.failed.slice(0, 50) });
    for (const { plan, userId } of todo) {
      if (signal.aborted) return { state: 'interrupted', message: `Stopped with the console after ${progress.done} of ${progress.total} users; the next run carries on.`, progress: shown() };
      let email = userId;
      try {
        const info = await getUserById(userId);
        email = info.UserEmail;
        const result = await assignPlan(info, plan.id);
        if (result.status === 'applied') progress.applied += 1;
        else progress.failed.push({ email, error: result.steps.find((s) => s.state === 'failed')?.error ?? 'not fully applied' });
        await writeAudit({
          actor: { system: true, name: `re-application asked by ${plan.requestedBy}` },
          action: 'plan.apply',
          target: `user:${userId}`,
          targetLabel: email,
          outcome: result.status === 'applied' ? 'ok' : 'failed',
          detail: `re-applied ${plan.name}: ${result.status}`,
          requestId: crypto.randomUUID(),
        });
      } catch (error) {
        progress.failed.push({ email, error: errorWords(error) });
      }
      progress.done += 1;
      report(shown());
    }
    for (const plan of requests) await clearReapply(db, plan.id, plan.requestedAt);
    const names = requests.map((p) => p.name).join(', ');
    const message =
      todo.length === 0 ? 'No user is on the plan: nothing to apply.' : `${progress.applied} of ${plural(progress.total, 'user')} brought to ${names}` + (progress.failed.length ? `; ${progress.failed.length} failed` : '');
    return {
      state: progress.failed.length && !progress.applied ? 'failed' : 'done',
      message,
      progress: shown(),
      errors: progress.failed.slice(0, 50).map((f) => `${f.email}: ${f.error}`),
    };
  },
};
