import 'server-only';
import { answer } from '../api/contract';
import { ApiError, notFound } from '../api/errors';
import { route, type RouteContext } from '../api/handler';
import type { Permission, Who } from '../auth/permissions';
import type { KeyPair, UserInfo } from '../gateway/schemas';
import { revokeKey } from '../gateway/users';
import { selfContract } from '../objects/contract';
import { MAX_KEY_PAIRS } from './constants';
import { usersContract } from './contract';
import { changeableUserOr404 } from './lookup';
import { ownChangeableUser } from './own';
import { generateKeyOrRecover, RECOVERED } from './unclear-answers';

/**
 * The key-pair routes of a user (`/api/users/:id/keys`) and of one of its accounts
 * (`/api/users/:id/accounts/:name/keys`): the same handlers, told whose pairs they manage. The
 * same again for a customer's own (`/api/me/keys`, `/api/me/accounts/:name/keys`).
 */
type P = { id?: string; name?: string };

/** The user a route changes: the one its URL names (staff), or the customer's own. */
export async function subjectUser(who: Who, ctx: Pick<RouteContext<P>, 'params' | 'user' | 'retarget'>, target: (p: P) => string): Promise<UserInfo> {
  if (who === 'staff') return changeableUserOr404(ctx.params.id ?? '');
  const info = await ownChangeableUser(ctx.user);
  ctx.retarget(target({ ...ctx.params, id: info.UserId }));
  return info;
}

async function owner(who: Who, ctx: RouteContext<P & { keyId?: string }>): Promise<{ info: UserInfo; account: string | null; keys: KeyPair[]; who: string }> {
  const info = await subjectUser(who, ctx, target);
  if (ctx.params.name === undefined) return { info, account: null, keys: info.AWSAccessKeys, who: who === 'self' ? 'You' : 'This user' };
  const account = info.Accounts.find((a) => a.Name === ctx.params.name);
  if (!account) throw notFound(who === 'self' ? 'You have no such account.' : 'This user has no such account.');
  return { info, account: account.Name, keys: account.AWSAccessKeys, who: `The account “${account.Name}”` };
}

const target = (p: P & { keyId?: string }) => `user:${p.id ?? 'self'}${p.name === undefined ? '' : `/account:${p.name}`}${p.keyId ? `/key:${p.keyId}` : ''}`;

const permissionOf = (who: Who, scope: 'user' | 'account'): Permission => (who === 'self' ? 'self.write' : scope === 'user' ? 'keys.write' : 'accounts.write');

export function generateKeyRoute(scope: 'user' | 'account', who: Who = 'staff') {
  return route<P>(
    permissionOf(who, scope),
    async (ctx) => {
      const { note } = ctx;
      const { info, account, keys, who: whose } = await owner(who, ctx);
      if (keys.length >= MAX_KEY_PAIRS) {
        throw new ApiError(409, 'key_limit', `${whose} already ${whose === 'You' ? 'have' : 'has'} ${MAX_KEY_PAIRS} key pairs, the most the gateway allows. Revoke one before generating another.`);
      }
      const { pair, recovered } = await generateKeyOrRecover(info, account);
      note(`generated ${pair.AWSAccessKeyId}${recovered ? ' (answer recovered by reading the user back)' : ''}`);
      return answer(usersContract['POST /api/users/:id/keys'], {
        keyPair: { accessKeyId: pair.AWSAccessKeyId, secretKey: pair.AWSSecretAccessKey },
        ...(recovered ? { recovered: RECOVERED } : {}),
      });
    },
    { action: scope === 'user' ? 'key.generate' : 'account.key.generate', target },
  );
}

export function revokeKeyRoute(scope: 'user' | 'account', who: Who = 'staff') {
  return route<P & { keyId: string }>(
    permissionOf(who, scope),
    async (ctx) => {
      const { params, user } = ctx;
      const { info, account, keys } = await owner(who, ctx);
      if (!keys.some((k) => k.AWSAccessKeyId === params.keyId)) {
        throw notFound(account ? 'This account has no such key pair.' : who === 'self' ? 'You have no such key pair.' : 'This user has no such key pair.');
      }
      await revokeKey(info.UserEmail, account, params.keyId);
      if (who === 'self' && account === null) {
        // Revoking the pair this session signed in with ends the session: the browser is told so.
        return answer(selfContract['DELETE /api/me/keys/:keyId'], { revoked: params.keyId, sessionEnded: user.accessKeyId === params.keyId });
      }
      return answer(usersContract['DELETE /api/users/:id/keys/:keyId'], { revoked: params.keyId });
    },
    { action: scope === 'user' ? 'key.revoke' : 'account.key.revoke', target },
  );
}
