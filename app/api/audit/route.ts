import { z } from 'zod';
import { query, route, wholeNumber } from '@/lib/api/handler';
import { isAuditFilter } from '@/lib/audit/actions';
import { readAudit } from '@/lib/audit/log';

const querySchema = z.object({
  actor: z.string().trim().max(200).optional(),
  target: z.string().trim().max(300).optional(),
  action: z.string().trim().refine(isAuditFilter, 'Choose an action from the list.').optional(),
  before: wholeNumber('before', { min: 1, max: Number.MAX_SAFE_INTEGER }).optional(),
  limit: wholeNumber('limit', { min: 1, max: 200 }).default(50),
});

export const GET = route('audit.read', async ({ req }) => {
  const { rows, next } = await readAudit(query(req, querySchema));
  return {
    rows: rows.map((r) => ({ ...r, at: r.at.toISOString() })),
    next,
  };
});
