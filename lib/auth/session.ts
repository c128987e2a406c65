import 'server-only';
import { getServerSession } from 'next-auth';
import { authOptions, type SessionUser } from './options';

/** The signed-in user, or null: checked on the server for every page and route. */
export async function currentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions());
  const user = session?.user as SessionUser | undefined;
  return user?.id && user.role ? user : null;
}
