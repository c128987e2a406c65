import { route } from '@/lib/api/handler';
import { billingRunAnswer, exportAnswer, exportUserId, invoicedUser } from '@/lib/usage/answers';

/**
 * A month's usage: one user's invoice lines (`?user=<id>`), or without `user` every user's month
 * for a billing run (`&by=user|bucket`, streamed) — `&month=YYYY-MM&format=csv|json`.
 */
export const GET = route('usage.read', async ({ req }) => {
  const user = exportUserId(req);
  return user === null ? billingRunAnswer(req) : exportAnswer(req, await invoicedUser(user));
});
