import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { readAudit, writeAudit } from '../audit/log';
import { checkPassword } from '../auth/password';
import { findStaffByEmail, upsertStaff } from '../auth/staff';
import { describeEachDatabase } from './testing';

const actor = { id: 'staff:1', name: 'Ada Admin', role: 'admin' as const };

describeEachDatabase('console database', (database) => {
  it('has the migrated tables', async () => {
    const result = (await database().db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`)) as unknown as { rows: { table_name: string }[] };
    const names = result.rows.map((r) => r.table_name);
    expect(names).toEqual(expect.arrayContaining(['audit_log', 'sign_in_attempts', 'sign_in_known_addresses', 'staff']));
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
    await writeAudit({ actor: { anonymous: true, name: 'mallory@example.com', provider: 'staff' }, action: 'auth.sign-in', target: 'account:mallory@example.com', outcome: 'failed', requestId: 'r10' }, db);
    await writeAudit({ actor, action: 'auth.sign-out', target: actor.id, outcome: 'ok', requestId: 'r11' }, db);
    const signIns = await readAudit({ limit: 10, action: 'auth.*' }, db);
    expect(signIns.rows.map((r) => [r.action, r.actorType, r.actorName, r.role])).toEqual([
      ['auth.sign-out', 'staff', 'Ada Admin', 'admin'],
      ['auth.sign-in', 'anonymous', 'mallory@example.com', 'staff'],
    ]);
  });
});
