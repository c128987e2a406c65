import { objectRoute } from '@/lib/objects/routes';

/** An object's details; an upload in one request (a small file), streamed through. */
export const GET = objectRoute('self', 'detail');
export const PUT = objectRoute('self', 'put');
