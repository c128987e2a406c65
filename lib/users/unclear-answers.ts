import 'server-only';
import { createAccount } from '../gateway/accounts';
import { GatewayError, unlessGone } from '../gateway/errors';
import type { KeyPair, UserInfo } from '../gateway/schemas';
import { createUser, generateKey, getUserByEmail } from '../gateway/users';

/**
 * Creating a user, a key pair or an account is never retried (a retry could make a second one),
 * so an answer lost on the way — garbled, cut short, timed out, a reset or a 5xx — leaves the
 * console not knowing whether it happened. Its first secret key would be lost with the answer.
 * Instead the console reads the user back: what is there now and was not before is the answer,
 * marked `recovered`; when nothing is there, the original error stands.
 */

export const RECOVERED = 'The gateway’s answer was lost on the way, but the change was made: the console read it back from the gateway.';

function unclear(error: unknown): error is GatewayError {
  return error instanceof GatewayError && error.kind !== 'refused';
}

const readBack = (email: string): Promise<UserInfo | null> => unlessGone(getUserByEmail(email));

export async function createUserOrRecover(email: string): Promise<{ userId: string; email: string; pair: KeyPair; recovered: boolean }> {
  try {
    const created = await createUser(email);
    return { userId: created.UserId, email: created.UserEmail, pair: created.AWSAccessKeys[0], recovered: false };
  } catch (error) {
    if (!unclear(error)) throw error;
    const info = await readBack(email).catch(() => null);
    if (!info?.AWSAccessKeys[0]) throw error;
    return { userId: info.UserId, email: info.UserEmail, pair: info.AWSAccessKeys[0], recovered: true };
  }
}

/** `before` is the user as read just before: a pair it did not have is the new one. */
export async function generateKeyOrRecover(before: UserInfo, account: string | null): Promise<{ pair: KeyPair; recovered: boolean }> {
  const keysOf = (info: UserInfo) => (account === null ? info.AWSAccessKeys : (info.Accounts.find((a) => a.Name === account)?.AWSAccessKeys ?? []));
  try {
    return { pair: (await generateKey(before.UserEmail, account)).AWSAccessKeys[0], recovered: false };
  } catch (error) {
    if (!unclear(error)) throw error;
    const after = await readBack(before.UserEmail).catch(() => null);
    const known = new Set(keysOf(before).map((k) => k.AWSAccessKeyId));
    const fresh = after ? keysOf(after).filter((k) => !known.has(k.AWSAccessKeyId)) : [];
    if (fresh.length !== 1) throw error;
    return { pair: fresh[0], recovered: true };
  }
}

export async function createAccountOrRecover(user: UserInfo, name: string): Promise<{ name: string; pair: KeyPair | null; recovered: boolean }> {
  try {
    const account = await createAccount(user.UserEmail, name);
    return { name: account.Name, pair: account.AWSAccessKeys[0] ?? null, recovered: false };
  } catch (error) {
    if (!unclear(error)) throw error;
    const account = (await readBack(user.UserEmail).catch(() => null))?.Accounts.find((a) => a.Name === name);
    if (!account) throw error;
    return { name: account.Name, pair: account.AWSAccessKeys[0] ?? null, recovered: true };
  }
}
