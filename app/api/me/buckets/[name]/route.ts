import { deleteBucketRoute } from '@/lib/objects/self';

export const DELETE = deleteBucketRoute;
