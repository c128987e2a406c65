import { objectRoute } from '@/lib/objects/routes';

export const POST = objectRoute('self', 'folder');
