import { z } from 'zod';

/** API tokens for billing systems, as the console's API tokens page manages them. */

export const SCOPES = ['provisioning', 'usage:read', 'sso'] as const;

export const tokenView = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.enum(SCOPES)),
  allowedCidrs: z.array(z.string()),
  expiresAt: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  lastUsedAddress: z.string().nullable(),
});

const cidr = z
  .string()
  .trim()
  .regex(/^[0-9A-Fa-f:.]+(\/\d{1,3})?$/, 'Give addresses or CIDR blocks, like 203.0.113.7 or 10.0.0.0/8.');

export const tokenInput = z.object({
  name: z.string({ error: 'Enter a name.' }).trim().min(1, 'Enter a name.').max(100, 'A name is at most 100 characters.'),
  scopes: z.array(z.enum(SCOPES, { error: 'A scope is provisioning, usage:read or sso.' })).min(1, 'Choose at least one scope.'),
  expiresAt: z.iso.date('Enter a date, YYYY-MM-DD.').nullable().optional(),
  allowedCidrs: z.array(cidr).max(50, 'At most 50 addresses or blocks.').default([]),
});

export const tokensContract = {
  'GET /api/tokens': { answer: z.object({ tokens: z.array(tokenView) }) },
  /** The token itself is in this answer only. */
  'POST /api/tokens': { body: tokenInput, answer: z.object({ token: z.string(), view: tokenView }) },
  'DELETE /api/tokens/:id': { answer: z.object({ view: tokenView }) },
  /** The billing binding of a user, when a billing system created or adopted it. */
  'GET /api/users/:id/service': {
    answer: z.object({
      service: z
        .object({ serviceId: z.string(), state: z.string(), tokenName: z.string(), createdAt: z.string(), adopted: z.boolean(), suspendedReason: z.string().nullable() })
        .nullable(),
    }),
  },
  'DELETE /api/users/:id/service': { answer: z.object({ unbound: z.string() }) },
} as const;

export type TokenView = z.output<typeof tokenView>;
export type ServiceBinding = z.output<(typeof tokensContract)['GET /api/users/:id/service']['answer']>['service'];
