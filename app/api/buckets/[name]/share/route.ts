import { objectRoute } from '@/lib/objects/routes';

/** A link anyone may download the object with until it expires (a presigned GET). */
export const POST = objectRoute('staff', 'share');
