import 'server-only';
import { unauthenticated } from '../api/errors';
import type { SessionUser } from '../auth/options';
import { changeable, userOr404 } from './lookup';

/**
 * A customer's own gateway user, read with the console's system key. A session whose key pair has
 * been revoked since sign-in is over: 401.
 */
export async function ownUser(user: SessionUser) {
  const info = await userOr404(user.s3UserId ?? '');
  const keys = [...info.AWSAccessKeys, ...info.Accounts.flatMap((a) => a.AWSAccessKeys)].map((k) => k.AWSAccessKeyId);
  // A session from the billing system's single sign-on is bound to the user, not to a key pair.
  if (user.via === 'sso') return info;
  if (!user.accessKeyId || !keys.includes(user.accessKeyId)) throw unauthenticated();
  return info;
}

export const ownUserId = async (user: SessionUser) => (await ownUser(user)).UserId;

/**
 * A customer's own user, for a change they make: never a system user (the console's own
 * credentials), and their sessions are checked afresh once the change is made.
 */
export const ownChangeableUser = async (user: SessionUser) => changeable(await ownUser(user));
