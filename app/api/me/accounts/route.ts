import { createAccountRoute } from '@/lib/users/account-routes';

export const POST = createAccountRoute('self');
