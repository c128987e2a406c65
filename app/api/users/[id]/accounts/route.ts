import { z } from 'zod';
import { ApiError } from '@/lib/api/errors';
import { body, route } from '@/lib/api/handler';
import { createAccount } from '@/lib/gateway/accounts';
import { changeableUserOr404 } from '@/lib/users/lookup';
import { accountNameSchema } from '@/lib/users/views';

export const POST = route<{ id: string }>(
  'accounts.write',
  async ({ req, params, note }) => {
    const { name } = await body(req, z.object({ name: accountNameSchema }));
    const info = await changeableUserOr404(params.id);
    if (info.Accounts.some((a) => a.Name === name)) throw new ApiError(409, 'conflict', `This user already has an account named “${name}”.`);
    const account = await createAccount(info.UserEmail, name);
    note(`created account ${name}`);
    const pair = account.AWSAccessKeys[0];
    return { account: { name: account.Name }, keyPair: pair ? { accessKeyId: pair.AWSAccessKeyId, secretKey: pair.AWSSecretAccessKey } : null };
  },
  { action: 'account.create', target: (p) => `user:${p.id}` },
);
