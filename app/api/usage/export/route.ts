import { z } from 'zod';
import { route } from '@/lib/api/handler';
import { exportAnswer, invoicedUser } from '@/lib/usage/routes';

/** One user's month, the lines an invoice needs: `?user=<id>&month=YYYY-MM&format=csv|json`. */
export const GET = route('usage.read', async ({ req }) =>
  exportAnswer(req, await invoicedUser(z.string({ error: 'Name the user (?user=<id>).' }).parse(req.nextUrl.searchParams.get('user') ?? undefined))),
);
