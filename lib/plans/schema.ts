import { z } from 'zod';
import { limitsInputSchema, quotaInputSchema } from '../limits/schema';

export const planInputSchema = z.object({
  name: z.string({ error: 'Enter a plan name.' }).trim().min(1, 'Enter a plan name.').max(80, 'At most 80 characters.'),
  userQuotaGb: quotaInputSchema.shape.gb,
  bucketQuotaGb: quotaInputSchema.shape.gb,
  limits: limitsInputSchema,
});

export type PlanInput = z.infer<typeof planInputSchema>;
