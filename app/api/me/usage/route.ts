import { route } from '@/lib/api/handler';
import { seriesAnswer } from '@/lib/usage/answers';
import { ownUserId } from '@/lib/users/own';

/** A customer's own usage figures; whatever the query says, only their own. */
export const GET = route('self.read', async ({ req, user }) => seriesAnswer(req, await ownUserId(user)));
