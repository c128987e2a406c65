'use client';

import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { api } from '@/lib/client/api';
import { usePermission } from '../current-user';
import { Button, Forbidden } from '../ui/button';
import { Pager } from '../ui/pager';
import { useSearchBox, useUrlState } from '../ui/use-url-state';
import { EmptyState, ErrorState, PageHeader, TableSkeleton, StaleNotice } from '../ui/states';
import { useToast } from '../ui/toast';
import { CreateUserButton } from './create-user';
import { usePlans } from '../plans/use-plans';
import { userKeys } from './keys';

interface UserPage {
  items: { id: string; email: string; state: 'enabled' | 'disabled'; console: boolean }[];
  total: number;
  page: number;
  pages: number;
  pageSize: number;
  fetchedAt: string;
}

function age(iso: string, now: number): string {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  return s < 5 ? 'just now' : s < 60 ? `${s} s ago` : `${Math.round(s / 60)} min ago`;
}

export function UsersPage() {
  const url = useUrlState({ state: 'all', page: '1' });
  const queryClient = useQueryClient();
  const write = usePermission('users.write');
  const q = url.get('q');
  const state = url.get('state');
  const page = url.get('page');
  const plan = url.get('plan');
  const plans = usePlans();
  const [search, setSearch] = useSearchBox(url);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 5000);
    return () => clearInterval(t);
  }, []);

  const setParams = url.set;

  const key = { q, state, page, plan };
  const list = useQuery({
    queryKey: userKeys.list(key),
    queryFn: () => api<UserPage>(`/api/users?${new URLSearchParams(Object.entries({ ...key, pageSize: '50' }).filter(([, v]) => v))}`),
    placeholderData: keepPreviousData,
  });
  const toast = useToast();
  const [refreshing, setRefreshing] = useState(false);
  // A fresh list from the gateway; if that fails, the list on screen stays and the failure is said.
  const refresh = async () => {
    setRefreshing(true);
    try {
      const fresh = await api<UserPage>(`/api/users?${new URLSearchParams(Object.entries({ ...key, pageSize: '50', refresh: '1' }).filter(([, v]) => v))}`);
      queryClient.setQueryData(userKeys.list(key), fresh);
    } catch (error) {
      toast('error', (error as Error).message);
    } finally {
      setRefreshing(false);
    }
  };

  return (
    <>
      <PageHeader title="Users">
        <Forbidden why={write.why} />
        <CreateUserButton disabled={!write.allowed} />
      </PageHeader>
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <input
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder="Search by email or user ID"
          aria-label="Search by email or user ID"
          className="w-80 rounded-md border border-slate-300 px-3 py-1.5 text-sm"
        />
        <select
          aria-label="State"
          value={state}
          onChange={(e) => setParams({ state: e.target.value, page: '1' })}
          className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
        >
          <option value="all">All states</option>
          <option value="enabled">Enabled</option>
          <option value="disabled">Disabled</option>
        </select>
        <select aria-label="Plan" value={plan} onChange={(e) => setParams({ plan: e.target.value, page: '1' })} className="rounded-md border border-slate-300 px-2 py-1.5 text-sm">
          <option value="">All plans</option>
          {plans.data?.plans.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        {list.data && (
          <span className="text-xs text-slate-500" data-testid="freshness">
            {list.data.total.toLocaleString('en')} users · list from the gateway {age(list.data.fetchedAt, now)}
          </span>
        )}
        <Button variant="ghost" onClick={refresh} disabled={refreshing}>
          {refreshing ? 'Refreshing…' : 'Refresh'}
        </Button>
      </div>
      <StaleNotice query={list} />
      {list.isPending ? (
        <TableSkeleton />
      ) : list.isError && !list.data ? (
        <ErrorState error={list.error} retry={() => list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState title={q || plan || state !== 'all' ? 'No users match.' : 'There are no users yet.'}>
          {q || plan || state !== 'all' ? 'Try another search or filter.' : write.allowed ? 'Create the first one with “Create user”.' : null}
        </EmptyState>
      ) : (
        <>
          <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm">
            <thead className="bg-slate-50 text-left text-xs tracking-wide text-slate-500 uppercase">
              <tr>
                <th className="px-4 py-2 font-medium">Email</th>
                <th className="px-4 py-2 font-medium">User ID</th>
                <th className="px-4 py-2 font-medium">State</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((u) => (
                <tr key={u.id} className="border-t border-slate-100 hover:bg-slate-50">
                  <td className="px-4 py-2">
                    <Link href={`/users/${u.id}`} className="text-brand-700 hover:underline">
                      {u.email}
                    </Link>
                  </td>
                  <td className="px-4 py-2 font-mono text-xs">{u.id}</td>
                  <td className="px-4 py-2">
                    <StateBadge state={u.state} />
                    {u.console && (
                      <span title="The system user the console signs its gateway calls with: shown, never changed." className="ml-2 rounded-full bg-indigo-100 px-2 py-0.5 text-xs font-medium text-indigo-800">
                        Console’s own
                      </span>
                    )}
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

export function StateBadge({ state }: { state: 'enabled' | 'disabled' }) {
  return (
    <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${state === 'enabled' ? 'bg-emerald-100 text-emerald-800' : 'bg-slate-200 text-slate-700'}`}>
      {state === 'enabled' ? 'Enabled' : 'Disabled'}
    </span>
  );
}
