import { withAuth } from 'next-auth/middleware';

/**
 * Redirects signed-out visitors to the sign-in page. It decides nothing else: every page and
 * route handler checks the session and the permission itself.
 */
export default withAuth({ pages: { signIn: '/sign-in' } });

export const config = {
  matcher: ['/((?!api|_next|sign-in|favicon.ico).*)'],
};
