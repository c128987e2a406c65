import { userStateRoute } from '@/lib/users/state-routes';

export const POST = userStateRoute('enabled');
