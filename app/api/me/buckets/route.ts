import { createBucketRoute } from '@/lib/objects/self';

export const POST = createBucketRoute;
