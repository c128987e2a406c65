import { asc } from 'drizzle-orm';
import { z } from 'zod';
import { ApiError } from '@/lib/api/errors';
import { body, route } from '@/lib/api/handler';
import { MIN_PASSWORD } from '@/lib/auth/password';
import { findStaffByEmail, staffView, upsertStaff } from '@/lib/auth/staff';
import { db } from '@/lib/db';
import { staff } from '@/lib/db/schema';
import { emailSchema } from '@/lib/users/views';

export const GET = route('staff.read', async () => {
  const rows = await (await db()).select().from(staff).orderBy(asc(staff.email));
  return { staff: rows.map(staffView) };
});

const newStaffSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1, 'Enter a name.').max(100),
  role: z.enum(['admin', 'support'], { error: 'Choose admin or support.' }),
  password: z.string().min(MIN_PASSWORD, `Use at least ${MIN_PASSWORD} characters.`).max(200),
});

export const POST = route(
  'staff.write',
  async ({ req, retarget }) => {
    const input = await body(req, newStaffSchema);
    retarget(`staff:${input.email.toLowerCase()}`);
    const d = await db();
    if (await findStaffByEmail(d, input.email)) throw new ApiError(409, 'conflict', 'A staff account with this email already exists.');
    await upsertStaff(d, input);
    return { staff: staffView((await findStaffByEmail(d, input.email))!) };
  },
  { action: 'staff.create', target: () => 'new staff' },
);
