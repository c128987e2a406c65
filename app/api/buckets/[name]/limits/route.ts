import { bucketOr404 } from '@/lib/buckets/lookup';
import { limitsRoutes } from '@/lib/limits/limit-routes';

const routes = limitsRoutes<{ name: string }>(async (p) => ({ bucket: (await bucketOr404(p.name)).name }), (p) => `bucket:${p.name}`);

export const PUT = routes.PUT;
export const DELETE = routes.DELETE;
