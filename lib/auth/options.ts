import 'server-only';
import type { NextAuthOptions, User } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { env } from '../config/env';
import { db } from '../db';
import { GatewayError } from '../gateway/errors';
import { verifyCustomerKeys } from '../gateway/customer-auth';
import { checkPassword } from './password';
import type { Role } from './permissions';
import { findStaffByEmail, findStaffById } from './staff';
import { recordFailure } from './throttle';

export const SESSION_SECONDS = 8 * 60 * 60;

export interface SessionUser {
  /** `staff:<uuid>` or `customer:<S3 user id>`. */
  id: string;
  name: string;
  role: Role;
  /** Customers only: their S3 user id and the access key they signed in with. */
  s3UserId?: string;
  accessKeyId?: string;
}

/** The client address as the nearest proxy (or Next's own server) reports it. */
export function clientAddress(headers: Record<string, string | string[] | undefined> | Headers): string {
  const get = (n: string) => (headers instanceof Headers ? headers.get(n) : ([] as string[]).concat(headers[n] ?? [])[0]);
  const forwarded = get('x-forwarded-for');
  return forwarded?.split(',').pop()?.trim() || get('x-real-ip') || 'unknown';
}

async function failed(account: string, req: { headers?: Record<string, string | string[] | undefined> }): Promise<null> {
  await recordFailure(await db(), account, clientAddress(req.headers ?? {}));
  return null;
}

export function authOptions(): NextAuthOptions {
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: 'jwt', maxAge: SESSION_SECONDS },
    jwt: { maxAge: SESSION_SECONDS },
    pages: { signIn: '/sign-in' },
    providers: [
      CredentialsProvider({
        id: 'staff',
        name: 'Staff',
        credentials: { email: { type: 'email' }, password: { type: 'password' } },
        async authorize(credentials, req) {
          const email = credentials?.email?.trim().toLowerCase() ?? '';
          const password = credentials?.password ?? '';
          if (!email || !password) return failed(email || '(empty)', req);
          const row = await findStaffByEmail(await db(), email);
          // Hashing even for unknown accounts keeps the answer's timing the same.
          const ok = await checkPassword(row?.passwordHash ?? '$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', password);
          if (!row || !ok || row.disabledAt) return failed(email, req);
          return { id: `staff:${row.id}`, name: row.name, email: row.email, role: row.role } as User;
        },
      }),
      CredentialsProvider({
        id: 'customer',
        name: 'Customer',
        credentials: { accessKeyId: { type: 'text' }, secretKey: { type: 'password' } },
        async authorize(credentials, req) {
          const accessKeyId = credentials?.accessKeyId?.trim() ?? '';
          const secret = credentials?.secretKey?.trim() ?? '';
          if (!/^[A-Za-z0-9]{16,128}$/.test(accessKeyId) || !secret) return failed(accessKeyId || '(empty)', req);
          let verified;
          try {
            verified = await verifyCustomerKeys(accessKeyId, secret);
          } catch (error) {
            throw new Error(error instanceof GatewayError ? error.message : 'The gateway could not check these keys.');
          }
          if (!verified) return failed(accessKeyId, req);
          return { id: `customer:${verified.userId}`, name: accessKeyId, role: 'customer', s3UserId: verified.userId, accessKeyId } as User;
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const u = user as unknown as SessionUser;
          return { ...token, uid: u.id, role: u.role, s3UserId: u.s3UserId, accessKeyId: u.accessKeyId, issuedAt: Date.now() };
        }
        // Staff sessions end at once when the account is disabled or its sessions revoked.
        if (typeof token.uid === 'string' && token.uid.startsWith('staff:')) {
          const row = await findStaffById(await db(), token.uid.slice(6));
          const issuedAt = Number(token.issuedAt ?? 0);
          if (!row || row.disabledAt || row.sessionsValidAfter.getTime() > issuedAt) return { ...token, revoked: true };
          return { ...token, role: row.role, name: row.name };
        }
        return token;
      },
      async session({ session, token }) {
        if (token.revoked || typeof token.uid !== 'string') return { ...session, user: undefined };
        const user: SessionUser = {
          id: token.uid,
          name: String(token.name ?? ''),
          role: token.role as Role,
          s3UserId: token.s3UserId as string | undefined,
          accessKeyId: token.accessKeyId as string | undefined,
        };
        return { ...session, user: user as never };
      },
    },
  };
}
