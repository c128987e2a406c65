import { ApiError, notFound } from '@/lib/api/errors';
import { route } from '@/lib/api/handler';
import { generateKeyOrRecover, RECOVERED } from '@/lib/users/unclear-answers';
import { changeableUserOr404 } from '@/lib/users/lookup';
import { MAX_KEY_PAIRS } from '@/lib/users/views';

export const POST = route<{ id: string; name: string }>(
  'accounts.write',
  async ({ params, note }) => {
    const info = await changeableUserOr404(params.id);
    const { name } = params;
    const account = info.Accounts.find((a) => a.Name === name);
    if (!account) throw notFound('This user has no such account.');
    if (account.AWSAccessKeys.length >= MAX_KEY_PAIRS) {
      throw new ApiError(409, 'key_limit', `The account “${name}” already has ${MAX_KEY_PAIRS} key pairs, the most the gateway allows. Revoke one first.`);
    }
    const { pair, recovered } = await generateKeyOrRecover(info, name);
    note(`generated ${pair.AWSAccessKeyId}${recovered ? ' (answer recovered by reading the user back)' : ''}`);
    return { keyPair: { accessKeyId: pair.AWSAccessKeyId, secretKey: pair.AWSSecretAccessKey }, ...(recovered ? { recovered: RECOVERED } : {}) };
  },
  { action: 'account.key.generate', target: (p) => `user:${p.id}/account:${p.name}` },
);
