'use client';

import { api, encode, search } from '../api';
import { useApiMutation } from '../mutation';
import { userKeys } from '../users/keys';
import { bucketKeys } from './keys';
import type { BucketListParams } from './queries';

/** Deleting a bucket: gone from every list and from its owner's page. */
export const useDeleteBucket = (name: string) =>
  useApiMutation({
    mutationFn: (confirm: string) => api(`/api/buckets/${encode(name)}`, { method: 'DELETE', body: { confirm } }),
    invalidates: () => [bucketKeys.all, userKeys.details()],
    success: `Bucket ${name} deleted.`,
    shownByCaller: true,
  });

/** A fresh bucket list straight from the gateway (buckets made through S3 show up). */
export const useRefreshBuckets = () =>
  useApiMutation({
    mutationFn: (p: BucketListParams) => api(`/api/buckets${search({ ...p, refresh: '1' })}`),
    invalidates: () => [bucketKeys.lists()],
  });
