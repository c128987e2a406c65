import { limitsRoutes } from '@/lib/limits/limit-routes';
import { changeableUserOr404 } from '@/lib/users/lookup';

const routes = limitsRoutes<{ id: string }>(async (p) => ({ emailAddress: (await changeableUserOr404(p.id)).UserEmail }), (p) => `user:${p.id}`);

export const PUT = routes.PUT;
export const DELETE = routes.DELETE;
