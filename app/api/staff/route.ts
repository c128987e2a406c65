import { answer } from '@/lib/api/contract';
import { ApiError } from '@/lib/api/errors';
import { body, route } from '@/lib/api/handler';
import { findStaffByEmail } from '@/lib/auth/staff';
import { db } from '@/lib/db';
import { staffContract } from '@/lib/staff/contract';
import { createStaff, listStaff } from '@/lib/staff/store';

const list = staffContract['GET /api/staff'];
const create = staffContract['POST /api/staff'];

export const GET = route('staff.read', async ({ user }) => answer(list, { staff: await listStaff(await db(), user.id.replace(/^staff:/, '')) }));

export const POST = route(
  'staff.write',
  async ({ req, retarget }) => {
    const input = await body(req, create.body);
    retarget(`staff:${input.email.toLowerCase()}`);
    const d = await db();
    if (await findStaffByEmail(d, input.email)) throw new ApiError(409, 'conflict', 'A staff account with this email already exists.', { email: 'This email already has an account.' });
    return answer(create, { staff: await createStaff(d, input) });
  },
  { action: 'staff.create', target: () => 'new staff' },
);
