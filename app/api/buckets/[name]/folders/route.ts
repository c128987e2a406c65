import { objectRoute } from '@/lib/objects/routes';

export const POST = objectRoute('staff', 'folder');
