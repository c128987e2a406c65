import { userStateRoute } from '@/lib/users/state-route';

export const POST = userStateRoute('disabled');
