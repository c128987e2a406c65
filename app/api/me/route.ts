import { overviewRoute } from '@/lib/objects/self';

/** A customer's own storage, read with the console's system key; secrets stripped. */
export const GET = overviewRoute;
