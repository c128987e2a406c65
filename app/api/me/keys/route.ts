import { generateKeyRoute } from '@/lib/users/key-routes';

/** A second key pair of the customer's own (secret shown once; at most two). */
export const POST = generateKeyRoute('user', 'self');
