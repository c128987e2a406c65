import { encode } from 'next-auth/jwt';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { consoleEnvironment } from '@/lib/api/testing';
import { testGateway } from '@/sim/testing/harness';

/**
 * The session check every page and route makes (`currentUser`): the session cookie decrypted and
 * checked by the same functions next-auth's own session call runs — and nothing else taken for a
 * session.
 */

const request = vi.hoisted(() => ({ headers: new Headers(), cookies: new Map<string, string>() }));
vi.mock('next/headers', () => ({
  headers: async () => request.headers,
  cookies: async () => ({ getAll: () => [...request.cookies].map(([name, value]) => ({ name, value })) }),
}));

const gw = testGateway();
consoleEnvironment(gw);
let staffId: string;

beforeAll(async () => {
  const { db } = await import('@/lib/db');
  const { upsertStaff, findStaffByEmail } = await import('@/lib/auth/staff');
  await upsertStaff(await db(), { email: 'session@example.com', name: 'Sam Session', role: 'admin', password: 'a long password here' });
  staffId = (await findStaffByEmail(await db(), 'session@example.com'))!.id;
});

const token = (claims: Record<string, unknown>) => encode({ token: claims, secret: process.env.NEXTAUTH_SECRET!, maxAge: 3600 });
const as = (cookie: string | null, bearer: string | null = null) => {
  request.cookies = new Map(cookie ? [['next-auth.session-token', cookie]] : []);
  request.headers = new Headers(bearer ? { authorization: `Bearer ${bearer}` } : {});
};

describe('currentUser', () => {
  it('reads the session cookie and checks the staff account behind it', async () => {
    const { currentUser } = await import('./session');
    as(await token({ uid: `staff:${staffId}`, role: 'support', name: 'old name', issuedAt: Date.now() }));
    // The role and name are the account's as they are now, not as the cookie remembers them.
    expect(await currentUser()).toEqual({ id: `staff:${staffId}`, name: 'Sam Session', role: 'admin', s3UserId: undefined, accessKeyId: undefined });
  });

  it('takes no session from a bearer header, even a valid session token', async () => {
    const { currentUser } = await import('./session');
    as(null, await token({ uid: `staff:${staffId}`, role: 'admin', issuedAt: Date.now() }));
    expect(await currentUser()).toBeNull();
  });

  it('ends a session issued before its account’s sessions were revoked, or of a disabled account', async () => {
    const { currentUser } = await import('./session');
    const { db } = await import('@/lib/db');
    const { updateStaff } = await import('@/lib/staff/store');
    const issuedAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await updateStaff(await db(), staffId, { disabled: true });
    as(await token({ uid: `staff:${staffId}`, role: 'admin', issuedAt }));
    expect(await currentUser()).toBeNull();
    await updateStaff(await db(), staffId, { disabled: false });
    as(await token({ uid: `staff:${staffId}`, role: 'admin', issuedAt }));
    expect(await currentUser()).toBeNull();
    as(await token({ uid: `staff:${staffId}`, role: 'admin', issuedAt: Date.now() + 1 }));
    expect(await currentUser()).not.toBeNull();
  });

  it("is next-auth's decoder too: its own routes (the session call, sign-in) read cookies the same way", async () => {
    const { authOptions } = await import('./options');
    const { decodeSession } = await import('./session-token');
    expect(authOptions().jwt?.decode).toBe(decodeSession);
  });

  it('takes a garbled or foreign cookie for no session', async () => {
    const { currentUser } = await import('./session');
    for (const cookie of ['garbage', (await token({ uid: 'staff:x' })).slice(0, -4) + 'AAAA', await encode({ token: { uid: `staff:${staffId}` }, secret: 'another secret', maxAge: 60 })]) {
      as(cookie);
      expect(await currentUser()).toBeNull();
    }
  });
});
