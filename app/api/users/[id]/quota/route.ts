import { quotaRoute } from '@/lib/limits/routes';
import { userOr404 } from '@/lib/users/lookup';

export const PUT = quotaRoute<{ id: string }>(async (p) => ({ emailAddress: (await userOr404(p.id)).UserEmail }), (p) => `user:${p.id}`);
