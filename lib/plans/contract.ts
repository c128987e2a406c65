import { z } from 'zod';
import { planInputSchema } from './schema';

/** Service plans and the plan each user is on. */

const limitValues = z.object({ default: z.number(), get: z.number(), put: z.number(), list: z.number(), delete: z.number(), out: z.number() });
export const planAnswer = z.object({ id: z.string(), name: z.string(), userQuotaGb: z.number().int(), bucketQuotaGb: z.number().int(), limits: limitValues });

const step = z.object({ step: z.string(), state: z.enum(['pending', 'done', 'failed']), error: z.string().optional() });
const status = z.enum(['applying', 'applied', 'incomplete']);

/** A user's plan: how far applying it got, and where the gateway differs from it now. */
export const userPlanAnswer = z.object({
  id: z.string(),
  name: z.string(),
  status,
  steps: z.array(step),
  drift: z.array(z.object({ what: z.string(), plan: z.string(), gateway: z.string() })),
});

const assigned = z.object({ plan: z.object({ id: z.string(), name: z.string() }), status: z.enum(['applied', 'incomplete']), steps: z.array(step) });

export const plansContract = {
  'GET /api/plans': { answer: z.object({ plans: z.array(planAnswer) }) },
  'POST /api/plans': { body: planInputSchema, answer: z.object({ plan: planAnswer }) },
  'PUT /api/plans/:id': { body: planInputSchema, answer: z.object({ plan: planAnswer }) },
  'DELETE /api/plans/:id': { answer: z.object({ deleted: z.string() }) },
  'PUT /api/users/:id/plan': { body: z.object({ planId: z.uuid('Choose a plan.') }), answer: assigned },
  'POST /api/users/:id/plan/apply': { body: z.object({ resume: z.boolean().default(false) }), answer: assigned },
} as const;

export type PlanView = z.output<typeof planAnswer>;
export type UserPlanView = z.output<typeof userPlanAnswer>;
export type PlanAssigned = z.output<typeof assigned>;
