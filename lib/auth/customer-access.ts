import 'server-only';
import { invalidate, onInvalidate } from '../cache/invalidation';
import { GatewayError } from '../gateway/errors';
import type { UserInfo } from '../gateway/schemas';
import { getUserById } from '../gateway/users';

/**
 * Whether a customer's session may go on: its S3 user must still exist, still hold the key pair
 * the session signed in with, and be enabled (a disabled user is suspended: signed in, but shown
 * only a notice). Checked on the server for every customer request; the gateway is asked at most
 * every 30 seconds per user, and at once after the console itself changes that user.
 */

export const ACCESS_TTL_MS = 30_000;
/** Users whose answer is kept at most (the oldest go first). */
export const CACHE_LIMIT = 10_000;

export type CustomerAccess =
  | { state: 'active'; info: UserInfo }
  | { state: 'suspended'; info: UserInfo }
  | { state: 'gone'; why: string }
  /** The gateway could not say (down, slow): the session stands, and every data route will say why. */
  | { state: 'unknown' };

type Entry = { at: number; info: Promise<UserInfo | null> };
const holder = globalThis as unknown as { customerAccess?: Map<string, Entry> };
const cache = (holder.customerAccess ??= new Map());

function lookUp(userId: string, fresh: boolean): Promise<UserInfo | null> {
  const hit = cache.get(userId);
  if (!fresh && hit && Date.now() - hit.at < ACCESS_TTL_MS) return hit.info;
  const info = getUserById(userId).catch((error) => {
    if (error instanceof GatewayError && error.status === 404) return null;
    cache.delete(userId);
    throw error;
  });
  cache.set(userId, { at: Date.now(), info });
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  return info;
}

/**
 * What a user's state means for a session signed in with `accessKeyId`. Only the user's own key
 * pairs sign in: an account's key (made for one application) would otherwise show the whole user.
 */
export function judgeAccess(info: UserInfo | null, accessKeyId: string | null): CustomerAccess {
  if (!info) return { state: 'gone', why: 'The storage user no longer exists.' };
  // null: a single sign-on session from the billing system, bound to the user rather than a key.
  if (accessKeyId !== null && !info.AWSAccessKeys.some((k) => k.AWSAccessKeyId === accessKeyId)) {
    const account = info.Accounts.find((a) => a.AWSAccessKeys.some((k) => k.AWSAccessKeyId === accessKeyId));
    return {
      state: 'gone',
      why: account
        ? `This key pair belongs to the account “${account.Name}”, which is for an application. Sign in with the user’s own key pair.`
        : 'The key pair this session signed in with has been revoked.',
    };
  }
  if (info.Flags.includes('system')) return { state: 'gone', why: 'The gateway’s system user cannot sign in as a customer.' };
  return info.State === 'disabled' ? { state: 'suspended', info } : { state: 'active', info };
}

export async function customerAccess(userId: string, accessKeyId: string | null, options: { fresh?: boolean } = {}): Promise<CustomerAccess> {
  try {
    return judgeAccess(await lookUp(userId, options.fresh ?? false), accessKeyId);
  } catch {
    return { state: 'unknown' };
  }
}

onInvalidate((topic) => {
  if (topic === '*') cache.clear();
  // Stryker disable next-line ConditionalExpression,StringLiteral: other topics never name a cached user
  if (topic.startsWith('customer:')) cache.delete(topic.slice('customer:'.length));
});

/** After the console changes a user (keys, state, deletion): its customers' next request, on any instance, asks the gateway again. */
export const forgetCustomerAccess = (userId: string): Promise<void> => invalidate(`customer:${userId}`);
