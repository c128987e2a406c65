import { z } from 'zod';
import { MIN_PASSWORD } from '../auth/password-rules';
import { emailSchema } from '../users/contract';

/** Staff accounts: admins and support agents. */

export const staffView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(['admin', 'support']),
  disabled: z.boolean(),
  createdAt: z.string(),
  lastSignInAt: z.string().nullable(),
  /** The account of the admin asking: it may not disable, demote or reset itself. */
  self: z.boolean(),
});

export const staffContract = {
  'GET /api/staff': { answer: z.object({ staff: z.array(staffView) }) },
  'POST /api/staff': {
    body: z.object({
      email: emailSchema,
      name: z.string().trim().min(1, 'Enter a name.').max(100),
      role: z.enum(['admin', 'support'], { error: 'Choose admin or support.' }),
      password: z.string().min(MIN_PASSWORD, `Use at least ${MIN_PASSWORD} characters.`).max(200),
    }),
    answer: z.object({ staff: staffView }),
  },
  /** A new password, generated and shown once; the account's sessions end. */
  'POST /api/staff/:id/password': { answer: z.object({ staff: staffView, password: z.string() }) },
  'PATCH /api/staff/:id': {
    body: z
      .object({ disabled: z.boolean().optional(), role: z.enum(['admin', 'support']).optional() })
      .refine((v) => v.disabled !== undefined || v.role !== undefined, 'Say what to change.'),
    answer: z.object({ staff: staffView }),
  },
} as const;

export type StaffMember = z.output<typeof staffView>;
