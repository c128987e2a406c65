import type { BucketDetail, BucketList } from '@/lib/buckets/contract';
import { encode, search } from '../api';
import { routeQuery } from '../query';
import { bucketKeys } from './keys';

export interface BucketListParams {
  q: string;
  sort: string;
  order: string;
  page: string;
}

export const BUCKET_LIST_DEFAULTS: BucketListParams = { q: '', sort: 'name', order: 'asc', page: '1' };

export const bucketListParams = (params: { get(name: string): string | null }): BucketListParams => ({
  q: params.get('q') ?? BUCKET_LIST_DEFAULTS.q,
  sort: params.get('sort') ?? BUCKET_LIST_DEFAULTS.sort,
  order: params.get('order') ?? BUCKET_LIST_DEFAULTS.order,
  page: params.get('page') ?? BUCKET_LIST_DEFAULTS.page,
});

export const bucketQueries = {
  list: (p: BucketListParams) => routeQuery<BucketList>(bucketKeys.list({ ...p }), `/api/buckets${search({ ...p, pageSize: '50' })}`),
  detail: (name: string) => routeQuery<BucketDetail>(bucketKeys.detail(name), `/api/buckets/${encode(name)}`),
};
