import { quotaRoute } from '@/lib/limits/limit-routes';
import { changeableUserOr404 } from '@/lib/users/lookup';

export const PUT = quotaRoute<{ id: string }>(async (p) => ({ emailAddress: (await changeableUserOr404(p.id)).UserEmail }), (p) => `user:${p.id}`);
