import { answer } from '@/lib/api/contract';
import { ApiError } from '@/lib/api/errors';
import { body, route } from '@/lib/api/handler';
import { usersContract } from '@/lib/users/contract';
import { changeableUserOr404 } from '@/lib/users/lookup';
import { createAccountOrRecover, RECOVERED } from '@/lib/users/unclear-answers';

const contract = usersContract['POST /api/users/:id/accounts'];

export const POST = route<{ id: string }>(
  'accounts.write',
  async ({ req, params, note }) => {
    const { name } = await body(req, contract.body);
    const info = await changeableUserOr404(params.id);
    if (info.Accounts.some((a) => a.Name === name)) throw new ApiError(409, 'conflict', `This user already has an account named “${name}”.`);
    const account = await createAccountOrRecover(info, name);
    note(`created account ${name}${account.recovered ? ' (answer recovered by reading the user back)' : ''}`);
    const pair = account.pair;
    return answer(contract, {
      account: { name: account.name },
      keyPair: pair ? { accessKeyId: pair.AWSAccessKeyId, secretKey: pair.AWSSecretAccessKey } : null,
      ...(account.recovered ? { recovered: RECOVERED } : {}),
    });
  },
  { action: 'account.create', target: (p) => `user:${p.id}` },
);
