import { answer } from '@/lib/api/contract';
import { ApiError, notFound } from '@/lib/api/errors';
import { route } from '@/lib/api/handler';
import { labelAuditTarget } from '@/lib/audit/label';
import { db } from '@/lib/db';
import { staffContract } from '@/lib/staff/contract';
import { resetPassword } from '@/lib/staff/store';

/** A new password for a staff account, shown to the admin once (never stored in words, never logged); its sessions end. */
export const POST = route<{ id: string }>(
  'staff.write',
  async ({ params, user, note }) => {
    if (user.id === `staff:${params.id}`) throw new ApiError(409, 'conflict', 'You cannot reset your own password here: ask another admin, or use npm run create-admin -- --reset on the server.');
    const reset = /^[0-9a-f-]{36}$/.test(params.id) ? await resetPassword(await db(), params.id) : null;
    if (!reset) throw notFound('There is no such staff account.');
    labelAuditTarget(reset.member.email);
    note('new password generated; the account’s sessions ended');
    return answer(staffContract['POST /api/staff/:id/password'], { staff: reset.member, password: reset.password });
  },
  { action: 'staff.password', target: (p) => `staff:${p.id}` },
);
