import crypto from 'node:crypto';
import { encode } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { writeAudit } from '@/lib/audit/log';
import { customerAccess } from '@/lib/auth/customer-access';
import { SESSION_SECONDS } from '@/lib/auth/options';
import { env } from '@/lib/config/env';
import { db } from '@/lib/db';
import { findService } from '@/lib/services/store';
import { redeemSsoTicket } from '@/lib/services/sso';

/**
 * GET /sso/<ticket>: a billing system's one-time sign-in link. A good ticket starts a customer
 * session bound to the service's S3 user (no key pair involved) and lands on the customer's own
 * pages; anything else lands on the sign-in page saying why. Audited either way.
 */
export async function GET(req: NextRequest, context: { params: Promise<{ ticket: string }> }) {
  const requestId = crypto.randomUUID();
  const { ticket } = await context.params;
  const database = await db();
  const base = env().NEXTAUTH_URL.replace(/\/$/, '');
  const refuse = async (reason: 'used' | 'expired' | 'invalid' | 'gone', detail: string, target = 'sso') => {
    await writeAudit({ actor: { anonymous: true, name: 'single sign-on link', provider: 'customer' }, action: 'auth.sign-in', target, outcome: 'denied', detail, requestId });
    return NextResponse.redirect(`${base}/sign-in?sso=${reason}`, { status: 303, headers: { 'cache-control': 'no-store' } });
  };
  const used = await redeemSsoTicket(database, ticket);
  if (!used.ok) return refuse(used.reason, `single sign-on: ${used.why}`);
  const service = await findService(database, used.serviceId);
  if (!service || service.userId !== used.userId || service.state === 'terminated' || service.state === 'terminating') {
    return refuse('gone', `single sign-on: the service ${used.serviceId} is no longer bound to that user`, `service:${used.serviceId}`);
  }
  const access = await customerAccess(used.userId, null, { fresh: true });
  if (access.state === 'gone') return refuse('gone', `single sign-on: ${access.why}`, `service:${used.serviceId}`);
  const name = access.state === 'unknown' ? service.email : access.info.UserEmail;
  const uid = `customer:${used.userId}`;
  const token = await encode({
    token: { name, sub: uid, uid, role: 'customer', s3UserId: used.userId, via: 'sso', issuedAt: Date.now() },
    secret: env().NEXTAUTH_SECRET,
    maxAge: SESSION_SECONDS,
  });
  await writeAudit({ actor: { id: uid, name, role: 'customer' }, action: 'auth.sign-in', target: `service:${used.serviceId}`, targetLabel: name, outcome: 'ok', detail: `single sign-on link of service ${used.serviceId}`, requestId });
  const secure = base.startsWith('https:');
  const response = NextResponse.redirect(`${base}/me`, { status: 303, headers: { 'cache-control': 'no-store' } });
  response.cookies.set(secure ? '__Secure-next-auth.session-token' : 'next-auth.session-token', token, { httpOnly: true, sameSite: 'lax', path: '/', secure, maxAge: SESSION_SECONDS });
  return response;
}
