import { notFound } from '@/lib/api/errors';
import { route } from '@/lib/api/handler';
import { revokeKey } from '@/lib/gateway/users';
import { changeableUserOr404 } from '@/lib/users/lookup';

export const DELETE = route<{ id: string; keyId: string }>(
  'keys.write',
  async ({ params }) => {
    const info = await changeableUserOr404(params.id);
    if (!info.AWSAccessKeys.some((k) => k.AWSAccessKeyId === params.keyId)) throw notFound('This user has no such key pair.');
    await revokeKey(info.UserEmail, null, params.keyId);
    return { revoked: params.keyId };
  },
  { action: 'key.revoke', target: (p) => `user:${p.id}/key:${p.keyId}` },
);
