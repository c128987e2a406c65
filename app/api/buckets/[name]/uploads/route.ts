import { objectRoute } from '@/lib/objects/routes';

/** Starts a multipart upload. */
export const POST = objectRoute('staff', 'createUpload');
