import { objectRoute } from '@/lib/objects/routes';

/** An object's bytes, streamed, saved under its own name. */
export const GET = objectRoute('self', 'content');
