import { route } from '@/lib/api/handler';
import { exportAnswer } from '@/lib/usage/routes';
import { ownUserId } from '@/lib/users/own';

/** A customer's own month as CSV or JSON. */
export const GET = route('self.read', async ({ req, user }) => exportAnswer(req, await ownUserId(user)));
