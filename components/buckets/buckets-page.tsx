'use client';

import { keepPreviousData, useQuery } from '@/data/cache/hooks';
import { Link } from '../ui/link';
import { useSearchParams } from 'next/navigation';
import { useRefreshBuckets } from '@/data/buckets/mutations';
import { BUCKET_LIST_DEFAULTS, bucketListParams, bucketQueries } from '@/data/buckets/queries';
import type { BucketList } from '@/lib/buckets/contract';
import { formatBytes, formatDay, formatNumber, formatWhen } from '@/lib/format';
import { Button } from '../ui/button';
import { DataTable, type Column } from '../ui/data-table';
import { CONTROL } from '../ui/field';
import { PageHeader, StaleNotice } from '../ui/states';
import { useSearchBox, useUrlState } from '../ui/use-url-state';

type Row = BucketList['items'][number];

const COLUMNS: Column<Row>[] = [
  {
    id: 'name',
    header: 'Name',
    sortable: true,
    cell: (b) => (
      <Link href={`/buckets/${b.name}`} className="font-mono text-xs text-brand-700 hover:underline">
        {b.name}
      </Link>
    ),
  },
  { id: 'size', header: 'Size', sortable: true, cell: (b) => <span title={`${b.size} bytes`}>{formatBytes(b.size)}</span> },
  { id: 'created', header: 'Created', sortable: true, cell: (b) => formatDay(b.createdAt) },
  {
    id: 'owner',
    header: 'Owner',
    cell: (b) => (
      <Link href={`/users/${b.ownerId}`} className="text-brand-700 hover:underline">
        {b.ownerEmail ?? b.ownerId}
      </Link>
    ),
  },
];

export function BucketsPage() {
  const url = useUrlState({ ...BUCKET_LIST_DEFAULTS });
  const params = bucketListParams(useSearchParams());
  const [search, setSearch] = useSearchBox(url);
  const list = useQuery({ ...bucketQueries.list(params), placeholderData: keepPreviousData });
  const refresh = useRefreshBuckets();
  const sortBy = (sort: string) => url.set({ sort, order: params.sort === sort && params.order === 'asc' ? 'desc' : 'asc', page: '1' });
  return (
    <>
      <PageHeader title="Buckets" />
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Search by bucket name or owner" aria-label="Search by bucket name or owner" className={`${CONTROL} w-full max-w-80`} />
        {list.data && (
          <span className="text-xs text-slate-500" data-testid="freshness">
            {formatNumber(list.data.total)} buckets · listed {formatWhen(list.data.fetchedAt)}
          </span>
        )}
        <Button variant="ghost" onClick={() => refresh.mutate(params)} disabled={refresh.isPending}>
          {refresh.isPending ? 'Refreshing…' : 'Refresh'}
        </Button>
      </div>
      <StaleNotice query={list} />
      <DataTable
        columns={COLUMNS}
        rows={list.data?.items}
        rowKey={(b) => `${b.name}/${b.epoch}`}
        state={{ isPending: list.isPending, error: list.error, retry: () => list.refetch() }}
        empty={{ title: params.q ? 'No buckets match.' : 'There are no buckets on the gateway.' }}
        sort={{ by: params.sort, order: params.order === 'desc' ? 'desc' : 'asc', onSort: sortBy }}
        paging={list.data && { page: list.data.page, pages: list.data.pages, go: (n) => url.set({ page: String(n) }) }}
      />
    </>
  );
}
