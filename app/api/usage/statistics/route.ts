import { route } from '@/lib/api/handler';
import { waitingObjects } from '@/lib/usage/statistics';

/** The statistics objects still waiting on the gateway, with what the ledger knows of each. */
export const GET = route('usage.read', () => waitingObjects());
