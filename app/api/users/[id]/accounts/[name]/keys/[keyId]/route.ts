import { notFound } from '@/lib/api/errors';
import { route } from '@/lib/api/handler';
import { revokeKey } from '@/lib/gateway/users';
import { changeableUserOr404 } from '@/lib/users/lookup';

export const DELETE = route<{ id: string; name: string; keyId: string }>(
  'accounts.write',
  async ({ params }) => {
    const info = await changeableUserOr404(params.id);
    const { name } = params;
    const account = info.Accounts.find((a) => a.Name === name);
    if (!account?.AWSAccessKeys.some((k) => k.AWSAccessKeyId === params.keyId)) throw notFound('This account has no such key pair.');
    await revokeKey(info.UserEmail, name, params.keyId);
    return { revoked: params.keyId };
  },
  { action: 'account.key.revoke', target: (p) => `user:${p.id}/account:${p.name}/key:${p.keyId}` },
);
