import { objectRoute } from '@/lib/objects/routes';

/** One part of a multipart upload (PUT, streamed), its completion (POST) or cancellation (DELETE). */
export const PUT = objectRoute('self', 'uploadPart');
export const POST = objectRoute('self', 'completeUpload');
export const DELETE = objectRoute('self', 'abortUpload');
