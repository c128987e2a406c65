import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { readAudit, writeAudit } from '../audit/log';
import { checkPassword } from '../auth/password';
import { findStaffByEmail, upsertStaff } from '../auth/staff';
import { isLockedOut, MAX_FAILURES, recordFailure, WINDOW_MS } from '../auth/throttle';
import { describeEachDatabase } from './testing';

const actor = { id: 'staff:1', name: 'Ada Admin', role: 'admin' as const };

describeEachDatabase('console database', (database) => {
  it('has the migrated tables', async () => {
    const result = (await database().db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`)) as unknown as { rows: { table_name: string }[] };
    const names = result.rows.map((r) => r.table_name);
    expect(names).toEqual(expect.arrayContaining(['audit_log', 'sign_in_failures', 'staff']));
  });

  it('stores staff with argon2id hashes, never the password', async () => {
    const db = database().db;
    await upsertStaff(db, { email: 'Ada@Example.com', name: 'Ada', role: 'admin', password: 'correct horse battery' });
    const row = (await findStaffByEmail(db, 'ada@example.com'))!;
    expect(row.email).toBe('ada@example.com');
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain('correct horse');
    expect(await checkPassword(row.passwordHash, 'correct horse battery')).toBe(true);
    expect(await checkPassword(row.passwordHash, 'wrong password!')).toBe(false);
    await expect(upsertStaff(db, { email: 'ada@example.com', name: 'Ada', role: 'admin', password: 'another password' })).rejects.toThrow(/already exists/);
    await expect(upsertStaff(db, { email: 'short@example.com', name: 'S', role: 'admin', password: 'short' })).rejects.toThrow(/at least/);
  });

  it('locks an account after ten failures in 15 minutes, and releases it after', async () => {
    const db = database().db;
    const now = new Date('2026-11-29T10:00:00Z');
    for (let i = 0; i < MAX_FAILURES - 1; i++) await recordFailure(db, 'locked@example.com', `10.0.0.${i}`, now);
    expect(await isLockedOut(db, 'locked@example.com', '10.9.9.9', now)).toBe(false);
    await recordFailure(db, 'locked@example.com', '10.0.0.99', now);
    expect(await isLockedOut(db, 'locked@example.com', '10.9.9.9', now)).toBe(true);
    expect(await isLockedOut(db, 'other@example.com', '10.9.9.9', now)).toBe(false);
    expect(await isLockedOut(db, 'locked@example.com', '10.9.9.9', new Date(now.getTime() + WINDOW_MS + 1000))).toBe(false);
  });

  it('locks an address that fails across many accounts', async () => {
    const db = database().db;
    const now = new Date('2026-11-29T11:00:00Z');
    for (let i = 0; i < MAX_FAILURES; i++) await recordFailure(db, `guess${i}@example.com`, '192.0.2.7', now);
    expect(await isLockedOut(db, 'fresh@example.com', '192.0.2.7', now)).toBe(true);
    expect(await isLockedOut(db, 'fresh@example.com', '192.0.2.8', now)).toBe(false);
  });

  it('writes and filters the audit log, newest first, in pages', async () => {
    const db = database().db;
    for (let i = 0; i < 5; i++) {
      await writeAudit({ actor, action: i % 2 ? 'user.create' : 'key.revoke', target: `user:${i}abc`, outcome: 'ok', requestId: `r${i}` }, db);
    }
    await writeAudit({ actor: { ...actor, name: 'Sam Support', role: 'support' }, action: 'user.delete', target: 'user:9', outcome: 'denied', requestId: 'r9' }, db);
    const first = await readAudit({ limit: 4 }, db);
    expect(first.rows.map((r) => r.requestId)).toEqual(['r9', 'r4', 'r3', 'r2']);
    const second = await readAudit({ limit: 4, before: first.next! }, db);
    expect(second.rows.map((r) => r.requestId)).toEqual(['r1', 'r0']);
    expect(second.next).toBeNull();
    expect((await readAudit({ limit: 10, action: 'user.create' }, db)).rows).toHaveLength(2);
    expect((await readAudit({ limit: 10, actor: 'sam' }, db)).rows.map((r) => r.outcome)).toEqual(['denied']);
    expect((await readAudit({ limit: 10, target: '3abc' }, db)).rows).toHaveLength(1);
    expect((await readAudit({ limit: 10, target: '%' }, db)).rows).toHaveLength(0);
  });
});
