import { route } from '@/lib/api/handler';
import { exportAnswer } from '@/lib/usage/answers';
import { ownUser } from '@/lib/users/own';

/** A customer's own month as CSV or JSON (their user read once: it also checks the session's key). */
export const GET = route('self.read', async ({ req, user }) => {
  const own = await ownUser(user);
  return exportAnswer(req, { id: own.UserId, email: own.UserEmail });
});
