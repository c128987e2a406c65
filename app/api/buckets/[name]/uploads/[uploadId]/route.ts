import { objectRoute } from '@/lib/objects/routes';

/** One part of a multipart upload (PUT, streamed), its completion (POST) or cancellation (DELETE). */
export const PUT = objectRoute('staff', 'uploadPart');
export const POST = objectRoute('staff', 'completeUpload');
export const DELETE = objectRoute('staff', 'abortUpload');
