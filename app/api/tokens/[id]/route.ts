import { answer } from '@/lib/api/contract';
import { notFound } from '@/lib/api/errors';
import { route } from '@/lib/api/handler';
import { labelAuditTarget } from '@/lib/audit/label';
import { tokensContract } from '@/lib/api-tokens/contract';
import { findToken, revokeToken } from '@/lib/api-tokens/tokens';
import { tokenViewOf } from '@/lib/api-tokens/views';
import { db } from '@/lib/db';

type P = { id: string };

/** Revoked at once: the token's next call is refused on every instance. */
export const DELETE = route<P>(
  'tokens.write',
  async ({ params, note }) => {
    const database = await db();
    const existing = /^[a-z0-9]{12}$/.test(params.id) ? await findToken(database, params.id) : undefined;
    if (!existing) throw notFound('There is no such API token.');
    labelAuditTarget(existing.name);
    const row = (await revokeToken(database, params.id)) ?? existing;
    if (existing.revokedAt) note('already revoked');
    return answer(tokensContract['DELETE /api/tokens/:id'], { view: tokenViewOf(row) });
  },
  { action: 'token.revoke', target: (p) => `token:${p.id}` },
);
