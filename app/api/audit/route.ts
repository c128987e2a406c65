import { z } from 'zod';
import { route } from '@/lib/api/handler';
import { readAudit } from '@/lib/audit/log';

const querySchema = z.object({
  actor: z.string().trim().max(200).optional(),
  target: z.string().trim().max(300).optional(),
  action: z.string().trim().max(100).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const GET = route('audit.read', async ({ req }) => {
  const q = querySchema.parse(Object.fromEntries([...req.nextUrl.searchParams].filter(([, v]) => v !== '')));
  const { rows, next } = await readAudit(q);
  return {
    rows: rows.map((r) => ({ ...r, at: r.at.toISOString() })),
    next,
  };
});
