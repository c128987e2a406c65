'use client';

import { keepPreviousData, useQuery } from '@/data/cache/hooks';
import { Link } from '../ui/link';
import { useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';
import { planQueries } from '@/data/plans/queries';
import { useRefreshUsers } from '@/data/users/mutations';
import { USER_LIST_DEFAULTS, userListParams, userQueries } from '@/data/users/queries';
import { formatBytes, formatDay, formatNumber } from '@/lib/format';
import type { UserList } from '@/lib/users/contract';
import { usePermission } from '../current-user';
import { Button } from '../ui/button';
import { DataTable, type Column } from '../ui/data-table';
import { CONTROL } from '../ui/field';
import { PageHeader, StaleNotice } from '../ui/states';
import { useSearchBox, useUrlState } from '../ui/use-url-state';
import { CreateUserButton } from './create-user';
import { StateBadge } from './state-badge';

type Row = UserList['items'][number];

function age(iso: string, now: number): string {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  return s < 5 ? 'just now' : s < 60 ? `${s} s ago` : `${Math.round(s / 60)} min ago`;
}

const PLAN_STATE: Record<NonNullable<Row['plan']>['state'], { text: string; style: string; title: string }> = {
  'in-sync': { text: 'in sync', style: 'text-emerald-700', title: 'The gateway matched the plan at the last check.' },
  drifted: { text: 'differs', style: 'text-amber-700', title: 'The gateway differed from the plan at the last check: see the user’s page.' },
  incomplete: { text: 'not fully applied', style: 'text-red-700', title: 'Applying the plan stopped midway: finish it on the user’s page.' },
  unchecked: { text: 'not checked yet', style: 'text-slate-500', title: 'Not checked since the plan changed or the user was put on it.' },
};

const COLUMNS: Column<Row>[] = [
  {
    id: 'email',
    header: 'Email',
    sortable: true,
    cell: (u) => (
      <Link href={`/users/${u.id}`} className="break-all text-brand-700 hover:underline">
        {u.email}
      </Link>
    ),
  },
  {
    id: 'state',
    header: 'State',
    cell: (u) => (
      <span className="whitespace-nowrap">
        <StateBadge state={u.state} />
        {u.console && (
          <span title="The system user the console signs its gateway calls with: shown, never changed." className="ml-2 rounded-full bg-indigo-100 px-2 py-0.5 text-xs font-medium text-indigo-800">
            Console’s own
          </span>
        )}
      </span>
    ),
  },
  {
    id: 'plan',
    header: 'Plan',
    sortable: true,
    cell: (u) =>
      u.plan ? (
        <span data-testid="user-plan">
          {u.plan.name}{' '}
          <span className={`text-xs whitespace-nowrap ${PLAN_STATE[u.plan.state].style}`} title={PLAN_STATE[u.plan.state].title}>
            ({PLAN_STATE[u.plan.state].text})
          </span>
        </span>
      ) : (
        <span className="text-slate-400">—</span>
      ),
  },
  {
    id: 'stored',
    header: 'Stored',
    align: 'right',
    sortable: true,
    cell: (u) => (u.storedBytes === null ? <span className="text-slate-400" title="The bucket list is being read.">…</span> : <span title={`${u.storedBytes} bytes`}>{formatBytes(u.storedBytes)}</span>),
  },
  { id: 'buckets', header: 'Buckets', align: 'right', sortable: true, cell: (u) => (u.buckets === null ? <span className="text-slate-400">…</span> : formatNumber(u.buckets)) },
  {
    id: 'added',
    header: <span title="When the console created the user or first saw it: the gateway keeps no creation date.">Added</span>,
    sortable: true,
    cell: (u) => <span className="whitespace-nowrap">{u.addedAt ? formatDay(u.addedAt) : '—'}</span>,
  },
  { id: 'id', header: 'User ID', cell: (u) => <span className="font-mono text-xs">{u.id}</span> },
];

export function UsersPage() {
  const url = useUrlState({ ...USER_LIST_DEFAULTS });
  const write = usePermission('users.write');
  const params = userListParams(useSearchParams());
  const plans = useQuery(planQueries.list());
  const [search, setSearch] = useSearchBox(url);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 5000);
    return () => clearInterval(t);
  }, []);
  const list = useQuery({ ...userQueries.list(params), placeholderData: keepPreviousData });
  const refresh = useRefreshUsers();
  const filtered = params.q || params.plan || params.state !== 'all' || params.drift !== 'all';
  const sortBy = (sort: string) => url.set({ sort, order: params.sort === sort && params.order === 'asc' ? 'desc' : 'asc', page: '1' });

  return (
    <>
      <PageHeader title="Users">
        <CreateUserButton disabled={!write.allowed} />
      </PageHeader>
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Search by email or user ID" aria-label="Search by email or user ID" className={`${CONTROL} w-full max-w-80`} />
        <select aria-label="State" value={params.state} onChange={(e) => url.set({ state: e.target.value, page: '1' })} className={CONTROL}>
          <option value="all">All states</option>
          <option value="enabled">Enabled</option>
          <option value="disabled">Disabled</option>
        </select>
        <select aria-label="Plan" value={params.plan} onChange={(e) => url.set({ plan: e.target.value, page: '1' })} className={CONTROL}>
          <option value="">All plans</option>
          {plans.data?.plans.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <select aria-label="Plan status" value={params.drift} onChange={(e) => url.set({ drift: e.target.value, page: '1' })} className={CONTROL}>
          <option value="all">Any plan status</option>
          <option value="drifted">Differs from its plan</option>
        </select>
        {list.data && (
          <span className="text-xs text-slate-500" data-testid="freshness">
            {formatNumber(list.data.total)} users · list from the gateway {age(list.data.fetchedAt, now)}
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
        rowKey={(u) => u.id}
        state={{ isPending: list.isPending, error: list.error, retry: () => list.refetch() }}
        empty={{
          title: filtered ? 'No users match.' : 'There are no users yet.',
          hint: filtered ? 'Try another search or filter.' : write.allowed ? 'Create the first one with “Create user”.' : null,
        }}
        sort={{ by: params.sort, order: params.order === 'desc' ? 'desc' : 'asc', onSort: sortBy }}
        paging={list.data && { page: list.data.page, pages: list.data.pages, go: (n) => url.set({ page: String(n) }) }}
      />
    </>
  );
}
