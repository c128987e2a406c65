import { route } from '@/lib/api/handler';
import { retryObject } from '@/lib/usage/statistics';

/** A quarantined object is read again by the next collection. */
export const POST = route<{ name: string }>('usage.write', ({ params }) => retryObject(params.name), {
  action: 'usage.statistics.retry',
  target: (p) => `statistics:${p.name}`,
});
