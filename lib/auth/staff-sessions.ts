import 'server-only';
import { forgetHere, onInvalidate } from '../cache/invalidation';
import { keptPerKey } from '../cache/kept';
import { db } from '../db';
import type { StaffRow } from '../db/schema';
import { findStaffById } from './staff';

/**
 * The staff account a session is checked against on every request, kept in memory while the
 * database tells this instance of every change to it (a trigger on the staff table notifies every
 * instance, whoever made the change: lib/cache/invalidation.ts). When that news cannot arrive (the
 * listening connection is down, or was never started), every check reads the database, as before.
 */

/** What a session check reads of an account. */
export type StaffCheck = Pick<StaffRow, 'id' | 'role' | 'name' | 'disabledAt' | 'sessionsValidAfter'>;

/** A bound on any news missed for a reason nobody foresaw. */
export const STAFF_CHECK_TTL_MS = 60_000;

async function read(id: string): Promise<StaffCheck | undefined> {
  const row = await findStaffById(await db(), id);
  return row && { id: row.id, role: row.role, name: row.name, disabledAt: row.disabledAt, sessionsValidAfter: row.sessionsValidAfter };
}

// Accounts are few; ids that are not accounts (a forged cookie cannot be made, but still) are not kept.
const checks = keptPerKey('staff-checks', { ttlMs: STAFF_CHECK_TTL_MS, limit: 10_000, read, keep: (row) => row !== undefined });

export const staffForSession = (id: string): Promise<StaffCheck | undefined> => checks.get(id);

onInvalidate((topic) => {
  if (topic === '*') checks.clear();
  if (topic.startsWith('staff:')) checks.forget(topic.slice('staff:'.length));
});

/** After this console changed an account: its next check here reads it again (the database tells the other instances). */
export const forgetStaff = (id: string): void => forgetHere(`staff:${id}`);
