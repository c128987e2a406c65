import 'server-only';
import { answer } from '../api/contract';
import { ApiError, notFound } from '../api/errors';
import { route } from '../api/handler';
import type { KeyPair, UserInfo } from '../gateway/schemas';
import { revokeKey } from '../gateway/users';
import { MAX_KEY_PAIRS } from './constants';
import { usersContract } from './contract';
import { changeableUserOr404 } from './lookup';
import { generateKeyOrRecover, RECOVERED } from './unclear-answers';

/**
 * The key-pair routes of a user (`/api/users/:id/keys`) and of one of its accounts
 * (`/api/users/:id/accounts/:name/keys`): the same handlers, told whose pairs they manage.
 */
type P = { id: string; name?: string };

async function owner(params: P): Promise<{ info: UserInfo; account: string | null; keys: KeyPair[]; who: string }> {
  const info = await changeableUserOr404(params.id);
  if (params.name === undefined) return { info, account: null, keys: info.AWSAccessKeys, who: 'This user' };
  const account = info.Accounts.find((a) => a.Name === params.name);
  if (!account) throw notFound('This user has no such account.');
  return { info, account: account.Name, keys: account.AWSAccessKeys, who: `The account “${account.Name}”` };
}

const target = (p: P & { keyId?: string }) => `user:${p.id}${p.name === undefined ? '' : `/account:${p.name}`}${p.keyId ? `/key:${p.keyId}` : ''}`;

export function generateKeyRoute(scope: 'user' | 'account') {
  return route<P>(
    scope === 'user' ? 'keys.write' : 'accounts.write',
    async ({ params, note }) => {
      const { info, account, keys, who } = await owner(params);
      if (keys.length >= MAX_KEY_PAIRS) {
        throw new ApiError(409, 'key_limit', `${who} already has ${MAX_KEY_PAIRS} key pairs, the most the gateway allows. Revoke one before generating another.`);
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

export function revokeKeyRoute(scope: 'user' | 'account') {
  return route<P & { keyId: string }>(
    scope === 'user' ? 'keys.write' : 'accounts.write',
    async ({ params }) => {
      const { info, account, keys } = await owner(params);
      if (!keys.some((k) => k.AWSAccessKeyId === params.keyId)) throw notFound(account ? 'This account has no such key pair.' : 'This user has no such key pair.');
      await revokeKey(info.UserEmail, account, params.keyId);
      return answer(usersContract['DELETE /api/users/:id/keys/:keyId'], { revoked: params.keyId });
    },
    { action: scope === 'user' ? 'key.revoke' : 'account.key.revoke', target },
  );
}
