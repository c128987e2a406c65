import { NextRequest } from 'next/server';
import { describe, expect, it, vi } from 'vitest';
import { consoleEnvironment, ORIGIN } from '../api/testing';
import { testGateway } from '@/sim/testing/harness';
import { signInRoute } from './sign-in-route';

const gw = testGateway();
consoleEnvironment(gw);

const reserve = vi.hoisted(() => ({ calls: 0 }));
vi.mock('./throttle', async (original) => {
  const real = await original<typeof import('./throttle')>();
  return { ...real, reserveAttempt: (...args: Parameters<typeof real.reserveAttempt>) => (reserve.calls++, real.reserveAttempt(...args)) };
});

function post(path: string, body: BodyInit | undefined, headers: Record<string, string>) {
  const req = new NextRequest(`${ORIGIN}/api/auth/${path}`, { method: 'POST', headers: { origin: ORIGIN, ...headers }, body, ...(body instanceof ReadableStream ? { duplex: 'half' } : {}) } as never);
  return signInRoute(req, { params: Promise.resolve({ nextauth: path.split('/') }) });
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('the sign-in route reads one form, strictly, before anything is counted or checked', () => {
  it.each([
    ['a doubled email (the decoy counted, the victim tried)', 'callback/staff', 'email=decoy%40x.io&email=victim%40x.io&password=guess&csrfToken=t', FORM, 400, /“email” more than once/],
    ['a doubled access key id', 'callback/customer', 'accessKeyId=AAAAAAAAAAAAAAAAAAAA&accessKeyId=BBBBBBBBBBBBBBBBBBBB&secretKey=s&csrfToken=t', FORM, 400, /“accessKeyId” more than once/],
    ['a doubled password', 'callback/staff', 'email=a%40x.io&password=1&password=2&csrfToken=t', FORM, 400, /“password” more than once/],
    ['no email', 'callback/staff', 'password=guess&csrfToken=t', FORM, 400, /needs “email”/],
    ['an empty secret key', 'callback/customer', 'accessKeyId=AAAAAAAAAAAAAAAAAAAA&secretKey=&csrfToken=t', FORM, 400, /needs “secretKey”/],
    ['a field next-auth does not know', 'callback/staff', 'email=a%40x.io&password=p&csrfToken=t&role=admin', FORM, 400, /unknown field “role”/],
    ['a JSON body', 'callback/staff', JSON.stringify({ email: ['a@x.io', 'b@x.io'], password: 'p' }), { 'content-type': 'application/json' }, 400, /takes a form/],
    ['no content type', 'callback/staff', 'email=a%40x.io&password=p', {}, 400, /takes a form/],
    ['a 20 MB form', 'callback/staff', `email=a%40x.io&password=${'p'.repeat(20 * 1024 * 1024)}`, { ...FORM }, 413, /larger than 1024 KB/],
    ['a doubled csrf token on sign-out', 'signout', 'csrfToken=a&csrfToken=b', FORM, 400, /“csrfToken” more than once/],
    ['a NUL character in the account (the database cannot store it)', 'callback/staff', 'email=a%00%40x.io&password=p&csrfToken=t', FORM, 400, /“email” contains a NUL character/],
  ])('%s → %s', async (_, path, body, headers, status, message) => {
    reserve.calls = 0;
    const response = await post(path, body, headers);
    expect(response.status).toBe(status);
    const { error } = await response.json();
    expect(error.message).toMatch(message);
    expect(reserve.calls).toBe(0);
  });

  it('refuses a form without a length once it passes 1 MB, without reading the rest', async () => {
    let pulled = 0;
    const stream = new ReadableStream({
      pull(controller) {
        pulled += 1;
        if (pulled > 1000) return controller.close();
        controller.enqueue(new TextEncoder().encode('p'.repeat(64 * 1024)));
      },
    });
    const response = await post('callback/staff', stream, FORM);
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThan(40);
  });
});
