import { describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '@/lib/auth/options';
import { callRoute, consoleEnvironment } from '@/lib/api/testing';
import { testGateway } from '@/sim/testing/harness';
import * as audit from './audit/route';
import * as exported from './audit/export/route';
import * as limits from './users/[id]/limits/route';
import * as staffMember from './staff/[id]/route';
import * as disable from './users/[id]/disable/route';

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/auth/session', () => ({ currentUser: async () => session.user }));

const gw = testGateway();
consoleEnvironment(gw);

const ADMIN: SessionUser = { id: 'staff:00000000-0000-0000-0000-000000000001', name: 'Admin', role: 'admin' };
const SUPPORT: SessionUser = { id: 'staff:00000000-0000-0000-0000-000000000002', name: 'Support', role: 'support' };

async function json(response: Promise<Response>, status = 200) {
  const r = await response;
  const text = await r.text();
  expect(r.status, text).toBe(status);
  return JSON.parse(text);
}

describe('the audit log answers questions', () => {
  it('names a user target by email: shown beside the id, and found by either', async () => {
    const user = await gw.createUser('audited.person@example.com');
    session.user = ADMIN;
    await json(callRoute(disable.POST, 'POST', `/api/users/${user.id}/disable`, { id: user.id }));
    session.user = SUPPORT;
    const byEmail = await json(callRoute(audit.GET, 'GET', '/api/audit?target=audited.person'));
    const byId = await json(callRoute(audit.GET, 'GET', `/api/audit?target=${user.id}`));
    expect(byEmail.rows).toHaveLength(1);
    expect(byEmail.rows[0]).toMatchObject({ action: 'user.disable', target: `user:${user.id}`, targetLabel: 'audited.person@example.com' });
    expect(byId.rows.map((r: { id: number }) => r.id)).toEqual(byEmail.rows.map((r: { id: number }) => r.id));
  });

  it('says what changed in words, never as JSON', async () => {
    const user = await gw.createUser('limited.person@example.com');
    session.user = ADMIN;
    await json(callRoute(limits.PUT, 'PUT', `/api/users/${user.id}/limits`, { id: user.id }, { default: 0, get: 200, put: 0, list: 0, delete: 0, out: 1000 }));
    const { upsertStaff, findStaffByEmail } = await import('@/lib/auth/staff');
    const { db } = await import('@/lib/db');
    await upsertStaff(await db(), { email: 'promoted@example.com', name: 'Promoted', role: 'support', password: 'a long password here' });
    const promoted = (await findStaffByEmail(await db(), 'promoted@example.com'))!;
    await json(callRoute(staffMember.PATCH, 'PATCH', `/api/staff/${promoted.id}`, { id: promoted.id }, { role: 'admin' }));

    const { rows } = await json(callRoute(audit.GET, 'GET', '/api/audit?action=limits.set'));
    expect(rows[0].detail).toBe('Default unlimited, GET 200 ops/s, PUT unlimited, LIST unlimited, DELETE unlimited, Bandwidth out 1,000 kB/s');
    const staffRows = (await json(callRoute(audit.GET, 'GET', '/api/audit?action=staff.update'))).rows;
    expect(staffRows[0]).toMatchObject({ detail: 'role set to admin', targetLabel: 'promoted@example.com' });
    for (const r of [...rows, ...staffRows]) expect(r.detail).not.toMatch(/[{}"]/);
  });

  it('filters by a range of days, both included, and refuses a range that ends before it starts', async () => {
    session.user = SUPPORT;
    const today = new Date().toISOString().slice(0, 10);
    const all = (await json(callRoute(audit.GET, 'GET', '/api/audit?limit=200'))).rows.length;
    expect(all).toBeGreaterThan(0);
    expect((await json(callRoute(audit.GET, 'GET', `/api/audit?limit=200&from=${today}&to=${today}`))).rows).toHaveLength(all);
    expect((await json(callRoute(audit.GET, 'GET', '/api/audit?from=2020-01-01&to=2020-01-31'))).rows).toHaveLength(0);
    const refused = await json(callRoute(audit.GET, 'GET', '/api/audit?from=2026-02-01&to=2026-01-01'), 422);
    expect(refused.error.fields.to).toMatch(/before the first/);
    expect((await json(callRoute(audit.GET, 'GET', '/api/audit?from=2026-02-30'), 422)).error.fields.from).toMatch(/YYYY-MM-DD/);
  });

  it('exports what the filters select as CSV, safe for spreadsheets, in pages of any size', async () => {
    session.user = SUPPORT;
    const response = await callRoute(exported.GET, 'GET', '/api/audit/export?action=user.disable');
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = (await response.text()).trim().split('\r\n');
    expect(lines[0]).toBe('time_utc,actor,role,action,target,target_name,outcome,detail,address,request_id');
    expect(lines.slice(1).every((l) => l.includes(',user.disable,'))).toBe(true);
    expect(lines.some((l) => l.includes('audited.person@example.com'))).toBe(true);

    // Many more rows than one page of the reader, and a value a spreadsheet would run.
    const { writeAudit, auditRows } = await import('@/lib/audit/log');
    for (let i = 0; i < 30; i++) await writeAudit({ actor: { system: true, name: 'test' }, action: 'plan.reconcile', target: `user:${String(i).padStart(16, '0')}`, targetLabel: '=HYPERLINK("x")', outcome: 'ok', requestId: `r${i}` });
    let seen = 0;
    for await (const row of auditRows({ action: 'plan.reconcile' }, undefined, 7)) seen += row.action === 'plan.reconcile' ? 1 : 0;
    expect(seen).toBe(30);
    const csv = await (await callRoute(exported.GET, 'GET', '/api/audit/export?action=plan.reconcile')).text();
    expect(csv.trim().split('\r\n')).toHaveLength(31);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain('Console (test),system,plan.reconcile');
  });
});
