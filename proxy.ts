import { NextResponse, type NextRequest } from 'next/server';
import { sessionClaims } from './lib/auth/session-token';

/**
 * Every page gets a Content-Security-Policy with a fresh nonce: Next marks its own scripts with
 * it, and nothing else may run — no inline script, no other origin, no framing, no plugins, no
 * `<base>`, no form posting elsewhere. Styles may be inline (React renders style attributes).
 * Signed-out visitors are sent to sign-in; nothing else is decided here: every page and route
 * handler checks the session and the permission itself.
 */
export function contentSecurityPolicy(nonce: string, options: { https: boolean; dev: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    ...(options.https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

export default async function proxy(req: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString('base64');
  const csp = contentSecurityPolicy(nonce, { https: (process.env.NEXTAUTH_URL ?? '').startsWith('https:'), dev: process.env.NODE_ENV === 'development' });
  const { pathname, search } = req.nextUrl;
  if (pathname !== '/sign-in') {
    const token = await sessionClaims(req, process.env.NEXTAUTH_SECRET);
    if (!token) {
      const target = new URL('/sign-in', req.url);
      target.searchParams.set('callbackUrl', pathname + search);
      const redirect = NextResponse.redirect(target);
      redirect.headers.set('content-security-policy', csp);
      return redirect;
    }
  }
  const headers = new Headers(req.headers);
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', csp);
  return response;
}

export const config = {
  // Pages only: API answers carry their own fixed policy (next.config.js), static files need none.
  matcher: ['/((?!api/|sso/|_next/static/|_next/image|favicon\\.svg).*)'],
};
