import { z } from 'zod';
import { answer } from '@/lib/api/contract';
import { query, route } from '@/lib/api/handler';
import { usageContract } from '@/lib/usage/contract';
import { deleteObject, openObject } from '@/lib/usage/statistics';

type Params = { name: string };

/** One statistics object, its items as rows (or why it cannot be read). */
export const GET = route<Params>('usage.read', async ({ params }) => answer(usageContract['GET /api/usage/statistics/:name'], await openObject(params.name)));

/** Deletes one by hand; one never collected needs `?uncollected=1` (its usage is lost for billing). */
export const DELETE = route<Params>(
  'usage.write',
  async ({ req, params, note }) => {
    const { uncollected } = query(req, z.object({ uncollected: z.enum(['1'], { error: 'uncollected is 1 or absent.' }).optional() }));
    const result = await deleteObject(params.name, uncollected === '1');
    if (!result.wasCollected) note('deleted although never collected: its usage is not billed');
    return answer(usageContract['DELETE /api/usage/statistics/:name'], result);
  },
  { action: 'usage.statistics.delete', target: (p) => `statistics:${p.name}` },
);
