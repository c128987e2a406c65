import { deleteAccountRoute } from '@/lib/users/account-routes';

export const DELETE = deleteAccountRoute('staff');
