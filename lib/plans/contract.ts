import { z } from 'zod';
import { jobRunSchema } from '../jobs/contract';
import { planInputSchema } from './schema';
import { isSettingKey } from './settings';

/** Service plans and the plan each user is on. */

const limitValues = z.object({ default: z.number(), get: z.number(), put: z.number(), list: z.number(), delete: z.number(), out: z.number() });
export const planAnswer = z.object({ id: z.string(), name: z.string(), userQuotaGb: z.number().int(), bucketQuotaGb: z.number().int(), limits: limitValues });

const step = z.object({ step: z.string(), state: z.enum(['pending', 'done', 'failed']), error: z.string().optional() });

/** A setting a plan decides (see lib/plans/settings.ts): its key, its name for people. */
const setting = z.object({ key: z.string(), what: z.string() });

/**
 * A user's plan: how far applying it got, where the gateway differs from what the user should
 * have, and the settings the user keeps instead of the plan's (overrides). `applied` only when
 * the gateway matches; `drifted` when applying finished but the gateway differs now.
 */
export const userPlanAnswer = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(['applying', 'applied', 'incomplete', 'drifted']),
  steps: z.array(step),
  drift: z.array(setting.extend({ plan: z.string(), gateway: z.string(), planValue: z.number(), gatewayValue: z.number() })),
  overrides: z.array(setting.extend({ plan: z.string(), value: z.string(), planValue: z.number(), overrideValue: z.number() })),
  checkedAt: z.string(),
});

const assigned = z.object({ plan: z.object({ id: z.string(), name: z.string() }), status: z.enum(['applied', 'incomplete']), steps: z.array(step) });

const planWithCounts = planAnswer.extend({
  users: z.number().int(),
  /** Users who differed from the plan at their last check, or whose application is unfinished. */
  drifted: z.number().int(),
  /** A re-application to every user on the plan is asked for and not done yet. */
  reapplyPending: z.boolean(),
});

const overrideBody = z.object({
  key: z.string().refine(isSettingKey, 'Name a setting of the plan.'),
  /** The value to keep instead of the plan's; null follows the plan again. */
  value: z.number({ error: 'Give a number, or null to follow the plan.' }).nonnegative('A value is 0 or more.').max(1e12).nullable(),
});

export const plansContract = {
  'GET /api/plans': { answer: z.object({ plans: z.array(planWithCounts) }) },
  /** Asks for the plan to be applied again to every user on it, as a job (`plans.apply`). */
  'POST /api/plans/:id/reapply': { answer: z.object({ users: z.number().int(), job: jobRunSchema }) },
  /** The last or running re-application (`apply`) or reconciliation (`reconcile`). */
  'GET /api/plans/jobs/:kind': { answer: z.object({ job: jobRunSchema.nullable() }) },
  /** Checks every user on a plan now (only `reconcile`: a re-application is asked for per plan). */
  'POST /api/plans/jobs/:kind': { answer: z.object({ job: jobRunSchema, started: z.boolean() }) },
  'PUT /api/users/:id/plan/overrides': { body: overrideBody, answer: z.object({ overrides: z.record(z.string(), z.number()) }) },
  'POST /api/plans': { body: planInputSchema, answer: z.object({ plan: planAnswer }) },
  'PUT /api/plans/:id': { body: planInputSchema, answer: z.object({ plan: planAnswer }) },
  'DELETE /api/plans/:id': { answer: z.object({ deleted: z.string() }) },
  'PUT /api/users/:id/plan': { body: z.object({ planId: z.uuid('Choose a plan.') }), answer: assigned },
  'POST /api/users/:id/plan/apply': { body: z.object({ resume: z.boolean().default(false) }), answer: assigned },
} as const;

export type PlanView = z.output<typeof planAnswer>;
export type PlanWithCounts = z.output<typeof planWithCounts>;
export type UserPlanView = z.output<typeof userPlanAnswer>;
export type PlanAssigned = z.output<typeof assigned>;
