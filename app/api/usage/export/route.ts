import { route } from '@/lib/api/handler';
import { exportAnswer, exportUserId, invoicedUser } from '@/lib/usage/answers';

/** One user's month, the lines an invoice needs: `?user=<id>&month=YYYY-MM&format=csv|json`. */
export const GET = route('usage.read', async ({ req }) => exportAnswer(req, await invoicedUser(exportUserId(req))));
