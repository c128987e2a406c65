import { authGet, signInRoute } from '@/lib/auth/sign-in-route';

export { authGet as GET, signInRoute as POST };
