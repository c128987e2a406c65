import 'server-only';
import { answer } from '../api/contract';
import { ApiError, notFound } from '../api/errors';
import { body, route } from '../api/handler';
import type { Who } from '../auth/permissions';
import { deleteAccount } from '../gateway/accounts';
import { selfContract } from '../objects/contract';
import { usersContract } from './contract';
import { subjectUser } from './key-routes';
import { createAccountOrRecover, RECOVERED } from './unclear-answers';

/**
 * Accounts (the gateway's sub-users for one application, with key pairs of their own): created
 * and deleted by admins for any user (`/api/users/:id/accounts`) and by customers for their own
 * (`/api/me/accounts`), with the same handlers.
 */
type P = { id?: string; name?: string };
const target = (p: P) => `user:${p.id ?? 'self'}${p.name === undefined ? '' : `/account:${p.name}`}`;

export function createAccountRoute(who: Who) {
  const contract = who === 'self' ? selfContract['POST /api/me/accounts'] : usersContract['POST /api/users/:id/accounts'];
  return route<P>(
    who === 'self' ? 'self.write' : 'accounts.write',
    async (ctx) => {
      const { name } = await body(ctx.req, contract.body);
      const info = await subjectUser(who, ctx, target);
      const whose = who === 'self' ? 'You already have' : 'This user already has';
      if (info.Accounts.some((a) => a.Name === name)) throw new ApiError(409, 'conflict', `${whose} an account named “${name}”.`);
      const account = await createAccountOrRecover(info, name);
      ctx.note(`created account ${name}${account.recovered ? ' (answer recovered by reading the user back)' : ''}`);
      const pair = account.pair;
      return answer(contract, {
        account: { name: account.name },
        keyPair: pair ? { accessKeyId: pair.AWSAccessKeyId, secretKey: pair.AWSSecretAccessKey } : null,
        ...(account.recovered ? { recovered: RECOVERED } : {}),
      });
    },
    { action: 'account.create', target },
  );
}

export function deleteAccountRoute(who: Who) {
  return route<P & { name: string }>(
    who === 'self' ? 'self.write' : 'accounts.write',
    async (ctx) => {
      const info = await subjectUser(who, ctx, target);
      if (!info.Accounts.some((a) => a.Name === ctx.params.name)) throw notFound(who === 'self' ? 'You have no such account.' : 'This user has no such account.');
      await deleteAccount(info.UserEmail, ctx.params.name);
      return answer(usersContract['DELETE /api/users/:id/accounts/:name'], { deleted: ctx.params.name });
    },
    { action: 'account.delete', target },
  );
}
