import { body, route } from '@/lib/api/handler';
import { bucketOr404 } from '@/lib/buckets/lookup';
import { removeLimits } from '@/lib/gateway/limits';
import { applyLimits } from '@/lib/limits/apply';
import { limitsInputSchema } from '@/lib/limits/schema';

type P = { name: string };

export const PUT = route<P>(
  'limits.write',
  async ({ req, params, note }) => {
    const desired = await body(req, limitsInputSchema);
    const bucket = await bucketOr404(params.name);
    const applied = await applyLimits({ bucket: bucket.name }, desired);
    note(JSON.stringify(desired) + (applied.drift.length ? ` drift: ${applied.drift.join(',')}` : ''));
    return applied;
  },
  { action: 'limits.set', target: (p) => `bucket:${p.name}` },
);

export const DELETE = route<P>(
  'limits.write',
  async ({ params }) => {
    const bucket = await bucketOr404(params.name);
    await removeLimits({ bucket: bucket.name });
    return { removed: true };
  },
  { action: 'limits.remove', target: (p) => `bucket:${p.name}` },
);
