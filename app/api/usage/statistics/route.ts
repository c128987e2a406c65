import { answer } from '@/lib/api/contract';
import { route } from '@/lib/api/handler';
import { usageContract } from '@/lib/usage/contract';
import { waitingObjects } from '@/lib/usage/statistics';

/** The statistics objects still waiting on the gateway, with what the ledger knows of each. */
export const GET = route('usage.read', async () => answer(usageContract['GET /api/usage/statistics'], await waitingObjects()));
