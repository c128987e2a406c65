import 'server-only';
import { redirect } from 'next/navigation';
import { can, type Permission } from './permissions';
import { currentUser } from './session';

/** A page's own check: signed out → sign-in; a role that may not see it → its home page. */
export async function requirePage(permission: Permission) {
  const user = await currentUser();
  if (!user) redirect('/sign-in');
  if (!can(user.role, permission)) redirect(user.role === 'customer' ? '/me' : '/users');
  return user;
}
