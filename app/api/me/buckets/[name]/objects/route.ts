import { objectRoute } from '@/lib/objects/routes';

/** One page of a folder: its sub-folders and objects. */
export const GET = objectRoute('self', 'list');
