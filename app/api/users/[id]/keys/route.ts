import { ApiError } from '@/lib/api/errors';
import { route } from '@/lib/api/handler';
import { generateKeyOrRecover, RECOVERED } from '@/lib/users/unclear-answers';
import { changeableUserOr404 } from '@/lib/users/lookup';
import { MAX_KEY_PAIRS } from '@/lib/users/views';

export const POST = route<{ id: string }>(
  'keys.write',
  async ({ params, note }) => {
    const info = await changeableUserOr404(params.id);
    if (info.AWSAccessKeys.length >= MAX_KEY_PAIRS) {
      throw new ApiError(409, 'key_limit', `This user already has ${MAX_KEY_PAIRS} key pairs, the most the gateway allows. Revoke one before generating another.`);
    }
    const { pair, recovered } = await generateKeyOrRecover(info, null);
    note(`generated ${pair.AWSAccessKeyId}${recovered ? ' (answer recovered by reading the user back)' : ''}`);
    return { keyPair: { accessKeyId: pair.AWSAccessKeyId, secretKey: pair.AWSSecretAccessKey }, ...(recovered ? { recovered: RECOVERED } : {}) };
  },
  { action: 'key.generate', target: (p) => `user:${p.id}` },
);
