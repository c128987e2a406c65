import { z } from 'zod';
import { wholeNumber } from '../api/input';
import { AUDIT_ACTIONS, isAuditFilter } from './actions';

/** The audit log, newest first, filtered and paged by id. */

const day = z.string().refine((d) => /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'Give a date as YYYY-MM-DD.');

const filters = z
  .object({
    actor: z.string().trim().max(200).optional(),
    target: z.string().trim().max(300).optional(),
    action: z.string().trim().refine(isAuditFilter, 'Choose an action from the list.').optional(),
    from: day.optional(),
    to: day.optional(),
  });

const ordered = <T extends { from?: string; to?: string }>(q: T, ctx: z.RefinementCtx) => {
  if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The last day comes before the first.' });
};

export const auditQuery = filters
  .extend({
    before: wholeNumber('before', { min: 1, max: Number.MAX_SAFE_INTEGER }).optional(),
    limit: wholeNumber('limit', { min: 1, max: 200 }).default(50),
  })
  .superRefine(ordered);

export const auditExportQuery = filters.superRefine(ordered);

const row = z.object({
  id: z.number(),
  at: z.string(),
  actorType: z.enum(['staff', 'customer', 'system', 'anonymous', 'token']),
  actorId: z.string(),
  actorName: z.string(),
  role: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  target: z.string(),
  targetLabel: z.string().nullable(),
  outcome: z.enum(['ok', 'failed', 'denied']),
  detail: z.string().nullable(),
  requestId: z.string(),
  address: z.string().nullable(),
});

export const auditContract = {
  'GET /api/audit': { query: auditQuery, answer: z.object({ rows: z.array(row), next: z.number().nullable() }) },
  /** Every entry the filters select, as CSV (streamed: any number of rows). */
  'GET /api/audit/export': { query: auditExportQuery, answer: z.string(), csv: true },
} as const;

export type AuditPage = z.output<(typeof auditContract)['GET /api/audit']['answer']>;
export type AuditRowView = z.output<typeof row>;
