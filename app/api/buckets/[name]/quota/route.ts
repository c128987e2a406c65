import { bucketOr404 } from '@/lib/buckets/lookup';
import { quotaRoute } from '@/lib/limits/limit-routes';

export const PUT = quotaRoute<{ name: string }>(async (p) => ({ bucket: (await bucketOr404(p.name)).name }), (p) => `bucket:${p.name}`);
