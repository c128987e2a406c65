import 'server-only';
import type { NextAuthOptions, User } from 'next-auth';
import type { JWT } from 'next-auth/jwt';
import CredentialsProvider from 'next-auth/providers/credentials';
import { env } from '../config/env';
import { db } from '../db';
import { GatewayError } from '../gateway/errors';
import { verifyCustomerKeys } from '../gateway/customer-auth';
import { safeRedirect } from './callback-url';
import { decodeSession } from './session-token';
import { customerAccess } from './customer-access';
import { checkPassword } from './password';
import type { Role } from './permissions';
import { noteAttempt } from './sign-in-attempt';
import { recordSignIn } from '../staff/store';
import { findStaffByEmail, normaliseEmail } from './staff';
import { staffForSession } from './staff-sessions';

export const SESSION_SECONDS = 8 * 60 * 60;

/**
 * Thrown from the jwt callback when a session may not go on: next-auth then clears its cookie,
 * and `/api/auth/session` answers `{}` like for no session at all.
 */
class SessionEnded extends Error {
  override name = 'SessionEnded';
}

export interface SessionUser {
  /** `staff:<uuid>` or `customer:<S3 user id>`. */
  id: string;
  name: string;
  role: Role;
  /** Customers only: their S3 user id and the access key they signed in with. */
  s3UserId?: string;
  accessKeyId?: string;
  /** Customers only: their S3 user is disabled; they see a notice and nothing else. */
  suspended?: boolean;
  /** Customers only: signed in through their billing system's single sign-on (no key pair). */
  via?: 'sso';
}

/** A hash of nothing, checked for unknown accounts so that the answer takes as long as for known ones. */
const NO_ACCOUNT_HASH = '$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export const SUSPENDED_AT_SIGN_IN = 'This storage account is suspended by your provider. Contact them to restore it; your data is kept.';

/**
 * The credentials each provider reads, one value each: the sign-in route refuses a form that
 * gives any of them twice or not at all, before these run.
 */
export const PROVIDER_FIELDS = { staff: ['email', 'password'], customer: ['accessKeyId', 'secretKey'] } as const;

/** The account a sign-in attempt is counted against, as the lock-out records it. */
export const attemptAccount = (provider: keyof typeof PROVIDER_FIELDS, form: URLSearchParams) =>
  provider === 'staff' ? normaliseEmail(form.get('email') ?? '') : (form.get('accessKeyId') ?? '').trim();

/**
 * A session's token checked again, as every request does: a staff session ends at once when its
 * account is disabled or its sessions revoked; a customer's when their key pair or user is gone,
 * and a disabled user is suspended. Throws SessionEnded when the session may not go on.
 */
export async function refreshedToken(token: JWT): Promise<JWT> {
  if (typeof token.uid !== 'string') throw new SessionEnded('a session without a user');
  if (token.uid.startsWith('staff:')) {
    const row = await staffForSession(token.uid.slice(6));
    const issuedAt = Number(token.issuedAt ?? 0);
    if (!row || row.disabledAt || row.sessionsValidAfter.getTime() > issuedAt) throw new SessionEnded('the staff account was disabled or its sessions revoked');
    return { ...token, role: row.role, name: row.name };
  }
  const access = await customerAccess(String(token.s3UserId ?? ''), token.via === 'sso' ? null : String(token.accessKeyId ?? ''));
  if (access.state === 'gone') throw new SessionEnded(access.why);
  if (access.state === 'unknown') return token;
  return { ...token, suspended: access.state === 'suspended', name: access.info.UserEmail };
}

/** The signed-in user a checked token stands for. */
export function sessionUser(token: JWT): SessionUser {
  return {
    id: String(token.uid),
    name: String(token.name ?? ''),
    role: token.role as Role,
    s3UserId: token.s3UserId as string | undefined,
    accessKeyId: token.accessKeyId as string | undefined,
    ...(token.role === 'customer' ? { suspended: token.suspended === true } : {}),
    ...(token.via === 'sso' ? { via: 'sso' as const } : {}),
  };
}

export const isSessionEnded = (error: unknown): boolean => error instanceof SessionEnded;

export function authOptions(): NextAuthOptions {
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: 'jwt', maxAge: SESSION_SECONDS },
    // next-auth's own routes (the session call, sign-in) decode cookies as every page and route does.
    jwt: { maxAge: SESSION_SECONDS, decode: decodeSession },
    pages: { signIn: '/sign-in' },
    logger: {
      // A session that ended on purpose is not an error worth a log line.
      error: (code, metadata) => {
        if (code === 'JWT_SESSION_ERROR' && JSON.stringify(metadata ?? {}).includes('SessionEnded')) return;
        console.error(`[next-auth][error][${code}]`, metadata instanceof Error ? metadata.message : (metadata as { message?: string })?.message ?? '');
      },
      warn: (code) => console.warn(`[next-auth][warn][${code}]`),
      debug: () => undefined,
    },
    providers: [
      CredentialsProvider({
        id: 'staff',
        name: 'Staff',
        credentials: { email: { type: 'email' }, password: { type: 'password' } },
        async authorize(credentials) {
          const email = normaliseEmail(String(credentials?.email ?? ''));
          const password = String(credentials?.password ?? '');
          const row = email ? await findStaffByEmail(await db(), email) : undefined;
          const ok = await checkPassword(row?.passwordHash ?? NO_ACCOUNT_HASH, password);
          if (!row || !ok || row.disabledAt) {
            noteAttempt({ outcome: 'failed', reason: !row ? 'no such staff account' : row.disabledAt ? 'the account is disabled' : 'wrong password' });
            return null;
          }
          noteAttempt({ outcome: 'ok', user: { id: `staff:${row.id}`, name: row.name, role: row.role } });
          await recordSignIn(await db(), row.id);
          return { id: `staff:${row.id}`, name: row.name, email: row.email, role: row.role } as User;
        },
      }),
      CredentialsProvider({
        id: 'customer',
        name: 'Customer',
        credentials: { accessKeyId: { type: 'text' }, secretKey: { type: 'password' } },
        async authorize(credentials) {
          const accessKeyId = String(credentials?.accessKeyId ?? '').trim();
          const secret = String(credentials?.secretKey ?? '').trim();
          if (!/^[A-Za-z0-9]{16,128}$/.test(accessKeyId) || !secret) {
            noteAttempt({ outcome: 'failed', reason: 'not an access key id' });
            return null;
          }
          let checked;
          try {
            checked = await verifyCustomerKeys(accessKeyId, secret);
          } catch (error) {
            const message = error instanceof GatewayError ? error.message : 'The gateway could not check these keys.';
            noteAttempt({ outcome: 'error', reason: message });
            throw new Error(message);
          }
          if (!checked.ok && checked.why === 'access-denied') {
            noteAttempt({ outcome: 'refused', reason: 'the S3 user is disabled' });
            throw new Error(SUSPENDED_AT_SIGN_IN);
          }
          if (!checked.ok) {
            noteAttempt({ outcome: 'failed', reason: 'the gateway refused the key pair' });
            return null;
          }
          const access = await customerAccess(checked.userId, accessKeyId, { fresh: true });
          if (access.state === 'unknown') {
            noteAttempt({ outcome: 'error', reason: 'the gateway could not say whose keys these are' });
            throw new Error('The gateway could not check these keys. Try again in a moment.');
          }
          if (access.state === 'gone') {
            noteAttempt({ outcome: 'refused', reason: access.why });
            throw new Error(access.why);
          }
          if (access.state === 'suspended') {
            noteAttempt({ outcome: 'refused', reason: 'the S3 user is disabled' });
            throw new Error(SUSPENDED_AT_SIGN_IN);
          }
          noteAttempt({ outcome: 'ok', user: { id: `customer:${checked.userId}`, name: access.info.UserEmail, role: 'customer' } });
          return { id: `customer:${checked.userId}`, name: access.info.UserEmail, role: 'customer', s3UserId: checked.userId, accessKeyId } as User;
        },
      }),
    ],
    callbacks: {
      redirect: ({ url, baseUrl }) => safeRedirect(url, baseUrl),
      async jwt({ token, user }) {
        if (user) {
          const u = user as unknown as SessionUser;
          return { ...token, uid: u.id, role: u.role, s3UserId: u.s3UserId, accessKeyId: u.accessKeyId, issuedAt: Date.now() };
        }
        return refreshedToken(token);
      },
      async session({ session, token }) {
        return { ...session, user: sessionUser(token) as never };
      },
    },
  };
}
