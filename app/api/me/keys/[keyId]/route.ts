import { revokeKeyRoute } from '@/lib/users/key-routes';

export const DELETE = revokeKeyRoute('user', 'self');
