import { generateKeyRoute } from '@/lib/users/key-routes';

/** A new key pair for the user (shown once; at most two). */
export const POST = generateKeyRoute('user');
