import 'server-only';
import { asc, eq } from 'drizzle-orm';
import crypto from 'node:crypto';
import { hashPassword } from '../auth/password';
import { findStaffById, normaliseEmail, upsertStaff } from '../auth/staff';
import { forgetStaff } from '../auth/staff-sessions';
import type { Db } from '../db/client';
import { staff, type StaffRow } from '../db/schema';
import type { StaffMember } from './contract';

/** Staff accounts as the staff page manages them (sign-in reads them through lib/auth/staff.ts). */

/** What the staff page shows of an account: never its password hash. */
export const staffView = (r: StaffRow, selfId?: string): StaffMember => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  disabled: r.disabledAt !== null,
  createdAt: r.createdAt.toISOString(),
  lastSignInAt: r.lastSignInAt?.toISOString() ?? null,
  self: r.id === selfId,
});

/** Every account; `selfId` marks the one asking (who may not disable, demote or reset itself here). */
export async function listStaff(db: Db, selfId?: string): Promise<StaffMember[]> {
  return (await db.select().from(staff).orderBy(asc(staff.email))).map((r) => staffView(r, selfId));
}

/** A sign-in that worked: shown on the staff page. */
export async function recordSignIn(db: Db, id: string): Promise<void> {
  await db.update(staff).set({ lastSignInAt: new Date() }).where(eq(staff.id, id));
}

/** A new password for an account, generated here and returned once: its sessions end at once. */
export async function resetPassword(db: Db, id: string): Promise<{ member: StaffMember; password: string } | null> {
  if (!(await findStaffById(db, id))) return null;
  const password = crypto.randomBytes(15).toString('base64url');
  const [updated] = await db
    .update(staff)
    .set({ passwordHash: await hashPassword(password), sessionsValidAfter: new Date() })
    .where(eq(staff.id, id))
    .returning();
  forgetStaff(id);
  return { member: staffView(updated), password };
}

export async function createStaff(db: Db, input: { email: string; name: string; role: 'admin' | 'support'; password: string }): Promise<StaffMember> {
  await upsertStaff(db, input);
  const [row] = await db.select().from(staff).where(eq(staff.email, normaliseEmail(input.email)));
  return staffView(row);
}

/** Disables, enables or changes the role of an account; each change ends its sessions at once. */
export async function updateStaff(db: Db, id: string, change: { disabled?: boolean; role?: 'admin' | 'support' }): Promise<StaffMember | null> {
  if (!(await findStaffById(db, id))) return null;
  const now = new Date();
  const [updated] = await db
    .update(staff)
    .set({
      ...(change.disabled !== undefined ? { disabledAt: change.disabled ? now : null } : {}),
      ...(change.role ? { role: change.role } : {}),
      sessionsValidAfter: now,
    })
    .where(eq(staff.id, id))
    .returning();
  forgetStaff(id);
  return staffView(updated);
}
