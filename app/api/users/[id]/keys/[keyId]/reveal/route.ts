import { answer } from '@/lib/api/contract';
import { notFound } from '@/lib/api/errors';
import { route } from '@/lib/api/handler';
import { usersContract } from '@/lib/users/contract';
import { changeableUserOr404 } from '@/lib/users/lookup';

/** A secret key, shown on purpose by an admin: a POST so that it is never cached, and audited. */
export const POST = route<{ id: string; keyId: string }>(
  'keys.reveal',
  async ({ params }) => {
    const info = await changeableUserOr404(params.id);
    const pair = [...info.AWSAccessKeys, ...info.Accounts.flatMap((a) => a.AWSAccessKeys)].find((k) => k.AWSAccessKeyId === params.keyId);
    if (!pair) throw notFound('This user has no such key pair.');
    return answer(usersContract['POST /api/users/:id/keys/:keyId/reveal'], { accessKeyId: pair.AWSAccessKeyId, secretKey: pair.AWSSecretAccessKey });
  },
  { action: 'key.reveal', target: (p) => `user:${p.id}/key:${p.keyId}` },
);
