'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { api } from '@/lib/client/api';
import { Button } from '../ui/button';
import { Pager } from '../ui/pager';
import { useSearchBox, useUrlState } from '../ui/use-url-state';
import { EmptyState, ErrorState, PageHeader, TableSkeleton, StaleNotice } from '../ui/states';
import { formatBytes } from '../users/format';

interface BucketPage {
  items: { name: string; epoch: number; ownerId: string; ownerEmail: string | null; createdAt: string; size: string }[];
  total: number;
  page: number;
  pages: number;
  fetchedAt: string;
}

const SORTS = [
  ['name', 'Name'],
  ['size', 'Size'],
  ['created', 'Created'],
] as const;

export function BucketsPage() {
  const url = useUrlState({ sort: 'name', order: 'asc', page: '1' });
  const key = { q: url.get('q'), sort: url.get('sort'), order: url.get('order'), page: url.get('page') };
  const [search, setSearch] = useSearchBox(url);
  const setParams = url.set;
  const list = useQuery({
    queryKey: ['buckets', 'list', key],
    queryFn: () => api<BucketPage>(`/api/buckets?${new URLSearchParams({ ...key, pageSize: '50' })}`),
    placeholderData: keepPreviousData,
  });
  const sortBy = (sort: string) => setParams({ sort, order: key.sort === sort && key.order === 'asc' ? 'desc' : 'asc', page: '1' });
  return (
    <>
      <PageHeader title="Buckets" />
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Search by bucket name or owner" aria-label="Search by bucket name or owner" className="w-80 rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
        {list.data && (
          <span className="text-xs text-slate-500" data-testid="freshness">
            {list.data.total.toLocaleString('en')} buckets · listed {new Date(list.data.fetchedAt).toLocaleTimeString('en-GB')}
          </span>
        )}
      </div>
      <StaleNotice query={list} />
      {list.isPending ? (
        <TableSkeleton columns={4} />
      ) : list.isError && !list.data ? (
        <ErrorState error={list.error} retry={() => list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState title={key.q ? 'No buckets match.' : 'There are no buckets on the gateway.'} />
      ) : (
        <>
          <table className="w-full rounded-lg border border-slate-200 bg-white text-sm">
            <thead className="bg-slate-50 text-left text-xs tracking-wide text-slate-500 uppercase">
              <tr>
                {SORTS.map(([sort, label]) => (
                  <th key={sort} className="px-4 py-2 font-medium" aria-sort={key.sort === sort ? (key.order === 'asc' ? 'ascending' : 'descending') : undefined}>
                    <button type="button" onClick={() => sortBy(sort)} className="uppercase hover:text-slate-900">
                      {label} {key.sort === sort ? (key.order === 'asc' ? '↑' : '↓') : ''}
                    </button>
                  </th>
                ))}
                <th className="px-4 py-2 font-medium">Owner</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((b) => (
                <tr key={`${b.name}/${b.epoch}`} className="border-t border-slate-100">
                  <td className="px-4 py-2">
                    <Link href={`/buckets/${b.name}`} className="font-mono text-xs text-brand-700 hover:underline">
                      {b.name}
                    </Link>
                  </td>
                  <td className="px-4 py-2" title={`${b.size} bytes`}>
                    {formatBytes(b.size)}
                  </td>
                  <td className="px-4 py-2">{b.createdAt.slice(0, 10)}</td>
                  <td className="px-4 py-2">
                    <Link href={`/users/${b.ownerId}`} className="text-brand-700 hover:underline">
                      {b.ownerEmail ?? b.ownerId}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={list.data.page} pages={list.data.pages} go={(n) => setParams({ page: String(n) })} />
        </>
      )}
    </>
  );
}
