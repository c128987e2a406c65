import { z } from 'zod';
import { wholeNumber } from '../api/input';
import { AUDIT_ACTIONS, isAuditFilter } from './actions';

/** The audit log, newest first, filtered and paged by id. */

export const auditQuery = z.object({
  actor: z.string().trim().max(200).optional(),
  target: z.string().trim().max(300).optional(),
  action: z.string().trim().refine(isAuditFilter, 'Choose an action from the list.').optional(),
  before: wholeNumber('before', { min: 1, max: Number.MAX_SAFE_INTEGER }).optional(),
  limit: wholeNumber('limit', { min: 1, max: 200 }).default(50),
});

const row = z.object({
  id: z.number(),
  at: z.string(),
  actorType: z.enum(['staff', 'customer', 'system', 'anonymous', 'token']),
  actorId: z.string(),
  actorName: z.string(),
  role: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  target: z.string(),
  outcome: z.enum(['ok', 'failed', 'denied']),
  detail: z.string().nullable(),
  requestId: z.string(),
  address: z.string().nullable(),
});

export const auditContract = {
  'GET /api/audit': { query: auditQuery, answer: z.object({ rows: z.array(row), next: z.number().nullable() }) },
} as const;

export type AuditPage = z.output<(typeof auditContract)['GET /api/audit']['answer']>;
export type AuditRowView = z.output<typeof row>;
