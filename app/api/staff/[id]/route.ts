import { answer } from '@/lib/api/contract';
import { ApiError, notFound } from '@/lib/api/errors';
import { body, route } from '@/lib/api/handler';
import { labelAuditTarget } from '@/lib/audit/label';
import { db } from '@/lib/db';
import { staffContract } from '@/lib/staff/contract';
import { updateStaff } from '@/lib/staff/store';

const contract = staffContract['PATCH /api/staff/:id'];

/** Disabling an account (or changing its role) ends its sessions at once. */
export const PATCH = route<{ id: string }>(
  'staff.write',
  async ({ req, params, user, note }) => {
    const change = await body(req, contract.body);
    if (user.id === `staff:${params.id}`) throw new ApiError(409, 'conflict', 'You cannot disable or demote your own account.');
    const updated = await updateStaff(await db(), params.id, change);
    if (!updated) throw notFound('There is no such staff account.');
    labelAuditTarget(updated.email);
    note([change.role && `role set to ${change.role}`, change.disabled === true && 'disabled', change.disabled === false && 'enabled'].filter(Boolean).join(', '));
    return answer(contract, { staff: updated });
  },
  { action: 'staff.update', target: (p) => `staff:${p.id}` },
);
