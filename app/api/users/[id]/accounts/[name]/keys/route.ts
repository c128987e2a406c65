import { generateKeyRoute } from '@/lib/users/key-routes';

/** A new key pair for one of the user's accounts. */
export const POST = generateKeyRoute('account');
