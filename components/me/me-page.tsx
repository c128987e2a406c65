'use client';

import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/client/api';
import type { UserDetail } from '@/lib/users/views';
import { userKeys } from '../users/keys';
import { Buckets } from '../users/buckets';
import { StateBadge } from '../users/users-page';
import { ErrorState, PageHeader, TableSkeleton, StaleNotice } from '../ui/states';
import { UsagePanel } from '../usage/usage-panel';

/** A customer's own S3 user, read-only: key ids (never secrets), buckets and usage. */
export function MePage() {
  const me = useQuery({ queryKey: userKeys.me, queryFn: () => api<UserDetail>('/api/me') });
  if (me.isPending) return <TableSkeleton rows={5} />;
  if (me.isError && !me.data) return <ErrorState error={me.error} retry={() => me.refetch()} />;
  const u = me.data;
  const keyIds = [...u.keys.map((k) => ({ id: k.accessKeyId, owner: 'you' })), ...u.accounts.flatMap((a) => a.keys.map((k) => ({ id: k.accessKeyId, owner: `account ${a.name}` })))];
  return (
    <div className="space-y-5">
      <PageHeader title="My storage" />
      <StaleNotice query={me} />
      <section className="rounded-lg border border-slate-200 bg-white p-5 text-sm">
        <div className="flex items-center gap-3">
          <span className="font-medium" data-testid="user-email">
            {u.email}
          </span>
          <StateBadge state={u.state} />
        </div>
        <p className="mt-1 text-slate-600">
          User ID <span className="font-mono">{u.id}</span>
        </p>
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="mb-3 text-base font-semibold">Access keys</h2>
        <ul className="space-y-1 text-sm">
          {keyIds.map((k) => (
            <li key={k.id}>
              <span className="font-mono text-xs">{k.id}</span> <span className="text-slate-500">({k.owner})</span>
            </li>
          ))}
        </ul>
        <p className="mt-3 text-xs text-slate-500">Secret keys are shown only when a key pair is created.</p>
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="mb-3 text-base font-semibold">Buckets</h2>
        <Buckets buckets={u.buckets} />
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-5">
        <UsagePanel scope={{ endpoint: '/api/me/usage', exportPath: '/api/me/usage/export' }} title="My usage" />
      </section>
    </div>
  );
}
