import { body, route } from '@/lib/api/handler';
import { removeLimits } from '@/lib/gateway/limits';
import { applyLimits } from '@/lib/limits/apply';
import { limitsInputSchema } from '@/lib/limits/schema';
import { userOr404 } from '@/lib/users/lookup';

type P = { id: string };

export const PUT = route<P>(
  'limits.write',
  async ({ req, params, note }) => {
    const desired = await body(req, limitsInputSchema);
    const info = await userOr404(params.id);
    const applied = await applyLimits({ emailAddress: info.UserEmail }, desired);
    note(JSON.stringify(desired) + (applied.drift.length ? ` drift: ${applied.drift.join(',')}` : ''));
    return applied;
  },
  { action: 'limits.set', target: (p) => `user:${p.id}` },
);

export const DELETE = route<P>(
  'limits.write',
  async ({ params }) => {
    const info = await userOr404(params.id);
    await removeLimits({ emailAddress: info.UserEmail });
    return { removed: true };
  },
  { action: 'limits.remove', target: (p) => `user:${p.id}` },
);
