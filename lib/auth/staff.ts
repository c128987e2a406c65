import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { staff, type StaffRow } from '../db/schema';
import { hashPassword, MIN_PASSWORD } from './password';

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export async function findStaffByEmail(db: Db, email: string): Promise<StaffRow | undefined> {
  const [row] = await db.select().from(staff).where(eq(staff.email, normaliseEmail(email)));
  return row;
}

export async function findStaffById(db: Db, id: string): Promise<StaffRow | undefined> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
  const [row] = await db.select().from(staff).where(eq(staff.id, id));
  return row;
}

/** Creates a staff account, or (with `reset`) sets a new password on an existing one. */
export async function upsertStaff(
  db: Db,
  input: { email: string; name: string; role: 'admin' | 'support'; password: string },
  options: { reset?: boolean } = {},
): Promise<{ created: boolean }> {
  if (input.password.length < MIN_PASSWORD) throw new Error(`The password must be at least ${MIN_PASSWORD} characters`);
  const email = normaliseEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  const existing = await findStaffByEmail(db, email);
  if (existing) {
    if (!options.reset) throw new Error(`A staff account ${email} already exists`);
    await db.update(staff).set({ passwordHash, role: input.role, name: input.name, disabledAt: null, sessionsValidAfter: new Date() }).where(eq(staff.id, existing.id));
    return { created: false };
  }
  await db.insert(staff).values({ email, name: input.name, role: input.role, passwordHash });
  return { created: true };
}
