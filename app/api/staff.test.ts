import { describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '@/lib/auth/options';
import { callRoute, consoleEnvironment } from '@/lib/api/testing';
import { testGateway } from '@/sim/testing/harness';
import * as staffList from './staff/route';
import * as password from './staff/[id]/password/route';

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/auth/session', () => ({ currentUser: async () => session.user }));

const gw = testGateway();
consoleEnvironment(gw);

async function json(response: Promise<Response>, status = 200) {
  const r = await response;
  const text = await r.text();
  expect(r.status, text).toBe(status);
  return JSON.parse(text);
}

async function staffAccount(email: string, role: 'admin' | 'support' = 'support') {
  const { upsertStaff, findStaffByEmail } = await import('@/lib/auth/staff');
  const { db } = await import('@/lib/db');
  await upsertStaff(await db(), { email, name: email.split('@')[0], role, password: 'the first password here' });
  return (await findStaffByEmail(await db(), email))!;
}

async function signIn(email: string, secret: string) {
  const { authOptions } = await import('@/lib/auth/options');
  type Provider = { options: { id: string; authorize: (c: Record<string, string>) => Promise<unknown> } };
  const provider = (authOptions().providers as unknown as Provider[]).find((p) => p.options.id === 'staff')!;
  return provider.options.authorize({ email, password: secret });
}

describe('staff accounts', () => {
  it('reset a password: a new one, shown once, that works while the old one does not; the account’s sessions end', async () => {
    const admin = await staffAccount('boss@example.com', 'admin');
    const agent = await staffAccount('agent@example.com');
    session.user = { id: `staff:${admin.id}`, name: 'boss', role: 'admin' };
    const before = agent.sessionsValidAfter;
    const reset = await json(callRoute(password.POST, 'POST', `/api/staff/${agent.id}/password`, { id: agent.id }));
    expect(reset.password).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(reset.staff).toMatchObject({ email: 'agent@example.com', self: false });
    expect(await signIn('agent@example.com', 'the first password here')).toBeNull();
    expect(await signIn('agent@example.com', reset.password)).toMatchObject({ id: `staff:${agent.id}` });
    const { findStaffById } = await import('@/lib/auth/staff');
    const { db } = await import('@/lib/db');
    expect((await findStaffById(await db(), agent.id))!.sessionsValidAfter.getTime()).toBeGreaterThan(before.getTime());
    // The audit entry names the account and never holds the password.
    const { readAudit } = await import('@/lib/audit/log');
    const [entry] = (await readAudit({ action: 'staff.password', limit: 5 })).rows;
    expect(entry).toMatchObject({ outcome: 'ok', targetLabel: 'agent@example.com' });
    expect(JSON.stringify(entry)).not.toContain(reset.password);
  });

  it('refuse an admin resetting its own password here, and an unknown account, in words', async () => {
    const admin = await staffAccount('self@example.com', 'admin');
    session.user = { id: `staff:${admin.id}`, name: 'self', role: 'admin' };
    expect((await json(callRoute(password.POST, 'POST', `/api/staff/${admin.id}/password`, { id: admin.id }), 409)).error.message).toMatch(/your own password/);
    await json(callRoute(password.POST, 'POST', '/api/staff/00000000-0000-4000-8000-000000000000/password', { id: '00000000-0000-4000-8000-000000000000' }), 404);
    await json(callRoute(password.POST, 'POST', '/api/staff/not-an-id/password', { id: 'not-an-id' }), 404);
  });

  it('list each account’s last sign-in, and mark the asking admin’s own', async () => {
    const admin = await staffAccount('lister@example.com', 'admin');
    await staffAccount('never@example.com');
    await signIn('lister@example.com', 'the first password here');
    session.user = { id: `staff:${admin.id}`, name: 'lister', role: 'admin' };
    const { staff } = await json(callRoute(staffList.GET, 'GET', '/api/staff'));
    const mine = staff.find((s: { email: string }) => s.email === 'lister@example.com');
    expect(mine.self).toBe(true);
    expect(Date.now() - Date.parse(mine.lastSignInAt)).toBeLessThan(60_000);
    expect(staff.find((s: { email: string }) => s.email === 'never@example.com')).toMatchObject({ self: false, lastSignInAt: null });
  });
});
