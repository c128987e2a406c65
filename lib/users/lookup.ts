import 'server-only';
import { afterRequest } from '../api/after-request';
import { ApiError, notFound } from '../api/errors';
import { labelAuditTarget } from '../audit/label';
import { forgetCustomerAccess } from '../auth/customer-access';
import { GatewayError } from '../gateway/errors';
import type { UserInfo } from '../gateway/schemas';
import { gatewayRequest } from '../gateway/request';
import { getUserById } from '../gateway/users';

/**
 * The email of each user id seen here. A user's email never changes (the gateway names users by
 * it), so a page can start the calls that need it at once, alongside the user's own; they are used
 * only once the user's answer confirms it.
 */
const EMAILS_KEPT = 10_000;
const emails = new Map<string, string>();

/** The email last seen for this user id, if any: a guess until the user is read. */
export const emailSeenFor = (id: string): string | undefined => emails.get(id);

export function rememberEmail(id: string, email: string): void {
  if (!emails.has(id) && emails.size >= EMAILS_KEPT) emails.delete(emails.keys().next().value!);
  emails.set(id, email);
}

/** The gateway user behind a console URL's id; 404 in words when there is none. */
export async function userOr404(id: string) {
  if (!/^[0-9a-f]{16}$/.test(id)) throw notFound('There is no such user: a user id is 16 hexadecimal digits.');
  try {
    const info = await getUserById(id);
    labelAuditTarget(info.UserEmail);
    rememberEmail(id, info.UserEmail);
    return info;
  } catch (error) {
    if (error instanceof GatewayError && error.status === 404) throw notFound('There is no such user on the gateway. It may have been deleted.');
    throw error;
  }
}

/**
 * A user the console may change. A system user — the console's own credentials among them — is
 * never changed from here: revoking its key or limiting it would cut the console (and anything
 * else running on it) off from the gateway. Such a request is refused and audited as denied.
 * Every change may end or suspend the user's customer sessions: they are checked afresh.
 */
export async function changeableUserOr404(id: string) {
  return changeable(await userOr404(id));
}

/** The same check of a user already read (a customer's own): refused if a system user, sessions checked afresh after. */
export async function changeable(info: UserInfo): Promise<UserInfo> {
  if (info.Flags.includes('system')) {
    throw new ApiError(
      409,
      'system_user',
      'This is a system user of the gateway (the console signs its own calls with one): the console does not change it, reveal its keys or sign in with it. Manage it on the gateway with ostor-s3-admin.',
      undefined,
      { denied: true },
    );
  }
  await afterRequest(() => forgetCustomerAccess(info.UserId));
  return info;
}

const holder = globalThis as unknown as { consoleUserId?: Promise<string | null> };

/** The id of the system user whose key pair the console signs with (the owner its own bucket list names). */
export function consoleUserId(): Promise<string | null> {
  holder.consoleUserId ??= gatewayRequest({ method: 'GET', path: '/', retry: true })
    .then(({ text }) => /<Owner>\s*<ID>([^<]+)<\/ID>/.exec(text)?.[1] ?? null)
    .catch(() => {
      holder.consoleUserId = undefined;
      return null;
    });
  return holder.consoleUserId;
}
