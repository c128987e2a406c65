import { answer } from '@/lib/api/contract';
import { route } from '@/lib/api/handler';
import { usageContract } from '@/lib/usage/contract';
import { retryObject } from '@/lib/usage/statistics';

/** A quarantined object is read again by the next collection. */
export const POST = route<{ name: string }>('usage.write', async ({ params }) => answer(usageContract['POST /api/usage/statistics/:name/retry'], await retryObject(params.name)), {
  action: 'usage.statistics.retry',
  target: (p) => `statistics:${p.name}`,
});
