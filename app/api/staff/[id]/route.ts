import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { ApiError, notFound } from '@/lib/api/errors';
import { body, route } from '@/lib/api/handler';
import { findStaffById, staffView } from '@/lib/auth/staff';
import { db } from '@/lib/db';
import { staff } from '@/lib/db/schema';

const changeSchema = z.object({ disabled: z.boolean().optional(), role: z.enum(['admin', 'support']).optional() }).refine((v) => v.disabled !== undefined || v.role !== undefined, 'Say what to change.');

/** Disabling an account (or changing its role) ends its sessions at once. */
export const PATCH = route<{ id: string }>(
  'staff.write',
  async ({ req, params, user, note }) => {
    const change = await body(req, changeSchema);
    const row = await findStaffById(await db(), params.id);
    if (!row) throw notFound('There is no such staff account.');
    if (user.id === `staff:${row.id}`) throw new ApiError(409, 'conflict', 'You cannot disable or demote your own account.');
    const now = new Date();
    const [updated] = await (await db())
      .update(staff)
      .set({
        ...(change.disabled !== undefined ? { disabledAt: change.disabled ? now : null } : {}),
        ...(change.role ? { role: change.role } : {}),
        sessionsValidAfter: now,
      })
      .where(eq(staff.id, row.id))
      .returning();
    note(JSON.stringify(change));
    return { staff: staffView(updated) };
  },
  { action: 'staff.update', target: (p) => `staff:${p.id}` },
);
