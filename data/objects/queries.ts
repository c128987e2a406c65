import type { ObjectDetail, ObjectList } from '@/lib/objects/contract';
import { encode, search } from '../api';
import { routeQuery } from '../query';
import { objectKeys } from './keys';

/** Where a bucket's object routes are: the owner's own, or staff's view of any user's bucket. */
export const bucketBase = (bucket: string, as: 'self' | 'staff') => (as === 'self' ? `/api/me/buckets/${encode(bucket)}` : `/api/buckets/${encode(bucket)}`);

export const objectQueries = {
  list: (base: string, p: { prefix: string; search: string; token: string }) =>
    routeQuery<ObjectList>(objectKeys.list(base, p), `${base}/objects${search({ prefix: p.prefix, search: p.search, token: p.token })}`),
  /** The page the address asks for (`prefix`, `search`): the server prefetches it and the browser reads it with the same key. */
  at: (base: string, url: { get(name: string): string | null }, token = '') => objectQueries.list(base, { prefix: url.get('prefix') ?? '', search: url.get('search') ?? '', token }),
  detail: (base: string, key: string) => routeQuery<ObjectDetail>(objectKeys.detail(base, key), `${base}/object?key=${encode(key)}`),
};

/** The address an object downloads from (a plain link: the browser saves it under the object's name). */
export const downloadUrl = (base: string, key: string) => `${base}/object/content?key=${encode(key)}`;
