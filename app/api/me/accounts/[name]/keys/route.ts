import { generateKeyRoute } from '@/lib/users/key-routes';

export const POST = generateKeyRoute('account', 'self');
