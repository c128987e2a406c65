import { ApiError } from '@/lib/api/errors';
import { route } from '@/lib/api/handler';
import { generateKey } from '@/lib/gateway/users';
import { changeableUserOr404 } from '@/lib/users/lookup';
import { MAX_KEY_PAIRS } from '@/lib/users/views';

export const POST = route<{ id: string }>(
  'keys.write',
  async ({ params, note }) => {
    const info = await changeableUserOr404(params.id);
    if (info.AWSAccessKeys.length >= MAX_KEY_PAIRS) {
      throw new ApiError(409, 'key_limit', `This user already has ${MAX_KEY_PAIRS} key pairs, the most the gateway allows. Revoke one before generating another.`);
    }
    const pair = (await generateKey(info.UserEmail, null)).AWSAccessKeys[0];
    note(`generated ${pair.AWSAccessKeyId}`);
    return { keyPair: { accessKeyId: pair.AWSAccessKeyId, secretKey: pair.AWSSecretAccessKey } };
  },
  { action: 'key.generate', target: (p) => `user:${p.id}` },
);
