import { objectRoute } from '@/lib/objects/routes';

/** Objects and whole folders, deleted in batches. */
export const POST = objectRoute('staff', 'delete');
