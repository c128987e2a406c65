import { answer } from '@/lib/api/contract';
import { ApiError } from '@/lib/api/errors';
import { body, route } from '@/lib/api/handler';
import { tokensContract } from '@/lib/api-tokens/contract';
import { createToken, listTokens, parseCidr } from '@/lib/api-tokens/tokens';
import { tokenViewOf } from '@/lib/api-tokens/views';
import { db } from '@/lib/db';

const create = tokensContract['POST /api/tokens'];

export const GET = route('tokens.read', async () => answer(tokensContract['GET /api/tokens'], { tokens: (await listTokens(await db())).map(tokenViewOf) }));

export const POST = route(
  'tokens.write',
  async ({ req, user, note, retarget }) => {
    const input = await body(req, create.body);
    const bad = input.allowedCidrs.find((c) => !parseCidr(c));
    if (bad) throw new ApiError(422, 'invalid_input', `“${bad.slice(0, 50)}” is not an address or CIDR block.`, { allowedCidrs: `“${bad.slice(0, 50)}” is not an address or CIDR block.` });
    const expiresAt = input.expiresAt ? new Date(`${input.expiresAt}T23:59:59Z`) : null;
    if (expiresAt && expiresAt.getTime() < Date.now()) throw new ApiError(422, 'invalid_input', 'The expiry date has passed.', { expiresAt: 'The expiry date has passed.' });
    const { row, token } = await createToken(await db(), { name: input.name, scopes: input.scopes, expiresAt, allowedCidrs: input.allowedCidrs.map((c) => c.trim()), createdBy: user.name });
    retarget(`token:${row.id}`);
    note(`${row.name}: ${row.scopes.join(', ')}${expiresAt ? `, expires ${input.expiresAt}` : ''}${row.allowedCidrs.length ? `, from ${row.allowedCidrs.join(', ')}` : ''}`);
    return answer(create, { token, view: tokenViewOf(row) });
  },
  { action: 'token.create', target: () => 'new token' },
);
