import NextAuth from 'next-auth';
import { NextResponse, type NextRequest } from 'next/server';
import { authOptions, clientAddress } from '@/lib/auth/options';
import { isLockedOut } from '@/lib/auth/throttle';
import { db } from '@/lib/db';
import { env } from '@/lib/config/env';

type Ctx = { params: Promise<{ nextauth: string[] }> };

const handler = (req: NextRequest, ctx: Ctx) => NextAuth(req as never, ctx as never, authOptions());

/**
 * Sign-in attempts pass the lock-out check first: during a lock-out even the right password gets
 * 429, so guessing cannot go on in the background.
 */
async function post(req: NextRequest, ctx: Ctx) {
  const { nextauth } = await ctx.params;
  if (nextauth[0] === 'callback' && (nextauth[1] === 'staff' || nextauth[1] === 'customer')) {
    const form = await req.clone().formData();
    // The account as the provider records its failures: staff by lower-cased email, customers by key id.
    const account = nextauth[1] === 'staff' ? String(form.get('email') ?? '').trim().toLowerCase() : String(form.get('accessKeyId') ?? '').trim();
    if (await isLockedOut(await db(), account, clientAddress(req.headers))) {
      return NextResponse.json(
        { url: `${env().NEXTAUTH_URL}/sign-in?error=LockedOut` },
        { status: 429, headers: { 'retry-after': '900', 'cache-control': 'no-store' } },
      );
    }
  }
  return handler(req, ctx);
}

export { handler as GET, post as POST };
