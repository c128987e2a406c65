import { z } from 'zod';
import { limitsInputSchema, quotaInputSchema } from './schema';

/** Limits and quotas of users and buckets, and the default quotas. */

const limitValues = z.object({ default: z.number(), get: z.number(), put: z.number(), list: z.number(), delete: z.number(), out: z.number() });
const limitName = z.enum(['default', 'get', 'put', 'list', 'delete', 'out']);

export const limitsAnswer = limitValues;
/** A quota of its own (0: none), the default that applies without one, and the one in force. */
export const quotaAnswer = z.object({ ownGb: z.number().int(), defaultGb: z.number().int(), effectiveGb: z.number().int() });

const applied = z.object({ limits: limitValues, reapplied: z.array(limitName), drift: z.array(limitName) });
const quotaSet = z.object({ ownGb: z.number().int() });
const defaults = z.object({ userGb: z.number().int(), bucketGb: z.number().int() });

export const limitsContract = {
  'PUT /api/users/:id/limits': { body: limitsInputSchema, answer: applied },
  'DELETE /api/users/:id/limits': { answer: z.object({ removed: z.literal(true) }) },
  'PUT /api/users/:id/quota': { body: quotaInputSchema, answer: quotaSet },
  'PUT /api/buckets/:name/limits': { body: limitsInputSchema, answer: applied },
  'DELETE /api/buckets/:name/limits': { answer: z.object({ removed: z.literal(true) }) },
  'PUT /api/buckets/:name/quota': { body: quotaInputSchema, answer: quotaSet },
  'GET /api/settings/quotas': { answer: defaults },
  'PUT /api/settings/quotas': { body: z.object({ userGb: quotaInputSchema.shape.gb, bucketGb: quotaInputSchema.shape.gb }), answer: defaults },
} as const;

export type QuotaView = z.output<typeof quotaAnswer>;
export type Applied = z.output<typeof applied>;
export type DefaultQuotas = z.output<typeof defaults>;
